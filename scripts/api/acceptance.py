"""Counts, from a schemathesis HAR report, the operations that accepted a request (2xx).

    python acceptance.py OPENAPI_JSON RUN_HAR [--minimum-write-share 0.6] [--minimum-requests 1000]

Prints the operations, the requests sent, and the share of write operations
(POST, PUT, PATCH, DELETE) that answered 2xx at least once, with those that
never did; exits 1 when that share is below the minimum, when fewer requests
than the minimum were sent, or when an operation of the description (but the
excluded ones) was never called: a run that tested little cannot pass.
"""

import argparse
import json
import re
from urllib.parse import urlparse


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("openapi")
    parser.add_argument("har")
    parser.add_argument("--minimum-write-share", type=float, default=0.6)
    parser.add_argument("--minimum-requests", type=int, default=1000)
    parser.add_argument("--excluded", default="", help="a regex of paths the run excluded")
    arguments = parser.parse_args()
    document = json.load(open(arguments.openapi))
    table = []
    for template, methods in document["paths"].items():
        parts = template.strip("/").split("/")
        pattern = re.compile("^/" + "/".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts) + "/?$")
        literal = sum(1 for p in parts if not p.startswith("{"))
        for method in methods:
            table.append((method.upper(), pattern, literal, template))
    table.sort(key=lambda entry: -entry[2])
    requests, accepted = {}, set()
    for entry in json.load(open(arguments.har))["log"]["entries"]:
        method = entry["request"]["method"]
        path = urlparse(entry["request"]["url"]).path
        match = next((t for t in table if t[0] == method and t[1].match(path)), None)
        if match is None:
            continue
        key = (method, match[3])
        requests[key] = requests.get(key, 0) + 1
        if 200 <= entry["response"]["status"] < 300:
            accepted.add(key)
    excluded = re.compile(arguments.excluded) if arguments.excluded else None
    writes = [(m, t) for m, _, _, t in table if m != "GET" and not (excluded and excluded.search(t))]
    accepted_writes = [key for key in writes if key in accepted]
    share = len(accepted_writes) / len(writes) if writes else 0
    print(f"schemathesis: {len(requests)} operations tested, {sum(requests.values())} requests, "
          f"{len(accepted)} operations answered 2xx; write operations accepting a request: "
          f"{len(accepted_writes)} of {len(writes)} ({share:.0%}, at least {arguments.minimum_write_share:.0%} required)")
    for method, template in sorted(set(writes) - set(accepted_writes), key=lambda key: key[1]):
        print(f"  never accepted: {method} {template}")
    operations = [(m, t) for m, _, _, t in table if not (excluded and excluded.search(t))]
    untested = [key for key in operations if key not in requests]
    for method, template in sorted(untested, key=lambda key: key[1]):
        print(f"  never called: {method} {template}")
    total = sum(requests.values())
    if total < arguments.minimum_requests:
        print(f"only {total} requests were sent, fewer than {arguments.minimum_requests}")
    passed = share >= arguments.minimum_write_share and total >= arguments.minimum_requests and not untested
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
