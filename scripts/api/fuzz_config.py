"""Writes the schemathesis configuration for a run against a demo server.

Path parameters need ids that exist: for every operation with one, the value
is drawn from the demo data through the API itself, as a client would find
it: `{id}` in `/api/v1/foodaid/lots/{id}/corrections` is the first item of
`GET /api/v1/foodaid/lots` (the path up to the parameter, earlier parameters
filled in). A parameter that is not an id (a day, a month, a stop number, a
category) is left to schemathesis, which generates it from its schema.

Each module's operations run as the user who does them: the food bank's
coordinator by default, and for a path prefix given as PREFIX=TOKEN (the
workshop's admin for /api/v1/microtransform, the city's coordinator for
/api/v1/biowaste), that token, which also reads the ids.

    python fuzz_config.py BASE_URL TOKEN OPENAPI_JSON OUT_TOML [PREFIX=TOKEN ...]
"""

import json
import re
import sys
import urllib.request


def get(base, token, path):
    request = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)
    except Exception:
        return None


def first_id(items, name):
    """The first item's `name` (`siteId` for `{siteId}`), or its `id`."""
    if isinstance(items, dict):
        items = items.get("items") or items.get("lots") or [items]
    for item in items or []:
        if isinstance(item, dict):
            for key in (name, "id"):
                if isinstance(item.get(key), (str, int)):
                    return item[key]
    return None


# Where a client finds the ids of a collection that has no list of its own at that address.
ELSEWHERE = {
    "/api/v1/microtransform/workshops": "/api/v1/organisations?kind=processing_workshop",
    "/api/v1/foodaid/partners": "/api/v1/organisations?kind=partner_association",
    "/api/v1/foodaid/donors": "/api/v1/organisations?kind=donor",
    "/api/v1/users": "/api/v1/users?organisationId={bank}",
}
# Operations that need their thing in one state: the list is asked for that state (a batch to start is a planned one).
IN_STATE = [
    (re.compile(r"/microtransform/batches/\{id\}(/start|/lock|/unlock)?$"), "status=planned"),
    (re.compile(r"/microtransform/batches/\{id\}/finish$"), "status=running"),
    (re.compile(r"/microtransform/intakes/\{id\}/(accept|refuse)$"), "status=proposed"),
    (re.compile(r"/microtransform/intakes/\{id\}/receive$"), "status=accepted"),
    (re.compile(r"/foodaid/orders/\{id\}/(cancel|validate)$"), "status=submitted"),
    (re.compile(r"/foodaid/orders/\{id\}/submit$"), "status=draft"),
    (re.compile(r"/foodaid/orders/\{id\}/(close|receive)$"), "status=shipped"),
    (re.compile(r"/foodaid/offers/\{id\}/"), "status=offered"),
    (re.compile(r"/foodaid/lots/\{id\}/lift-quarantine$"), "status=quarantined"),
    (re.compile(r"/foodaid/lots/\{id\}/corrections$"), "status=available"),
]
# Collections that live under a workshop.
UNDER_WORKSHOP = ["batches", "intakes", "equipment", "recipes", "shifts", "input-lots", "output-lots"]


def main(base, default_token, document_path, out_path, *roles):
    document = json.load(open(document_path))
    tokens = dict(role.split("=", 1) for role in roles)

    def token_for(template):
        return next((tokens[prefix] for prefix in sorted(tokens, key=len, reverse=True) if template.startswith(prefix)),
                    default_token)
    token = default_token
    me = (get(base, token, "/api/v1/me") or {}).get("user", {})
    bank = next((m.get("organisationId", "") for m in me.get("memberships") or []), "")
    workshops = get(base, token, ELSEWHERE["/api/v1/microtransform/workshops"]) or []
    workshop = first_id(workshops, "id")
    for collection in UNDER_WORKSHOP:
        ELSEWHERE[f"/api/v1/microtransform/{collection}"] = f"/api/v1/microtransform/workshops/{workshop}/{collection}"
    lists = {}
    lines = ['# Written by scripts/api/fuzz_config.py from the demo data; not committed.',
             f'headers = {{ Authorization = "Bearer {default_token}" }}', ""]
    resolved = unresolved = 0
    for template, methods in sorted(document["paths"].items()):
        token = token_for(template)
        parts = template.strip("/").split("/")
        values = {}
        prefix = ""
        for part in parts:
            if part.startswith("{"):
                name = part[1:-1]
                schema = next((p["schema"] for operation in methods.values() for p in operation.get("parameters", [])
                               if p["in"] == "path" and p["name"] == name), {})
                if schema.get("format") != "uuid" and not (name == "id" and schema.get("type") == "integer"):
                    break
                state = next((query for pattern, query in IN_STATE if pattern.search(template)), None)
                if (token, prefix, state) not in lists:
                    where = ELSEWHERE.get(prefix, prefix + "?limit=5").replace("{bank}", str(bank))
                    if state:
                        where += ("&" if "?" in where else "?") + state
                    found = get(base, token, where)
                    # Never the run's own user: what is done to a user must not end its session.
                    if isinstance(found, list):
                        found = [item for item in found if not (isinstance(item, dict) and item.get("id") == me.get("id"))]
                    lists[(token, prefix, state)] = found
                value = first_id(lists[(token, prefix, state)], name)
                if value is None:
                    break
                values[name] = value
                prefix += "/" + str(value)
            else:
                prefix += "/" + part
        names = [p[1:-1] for p in parts if p.startswith("{")]
        if names:
            if values:
                resolved += 1
            else:
                unresolved += 1
        for method in methods:
            entry = []
            if values:
                bindings = ", ".join(f'"path.{name}" = {json.dumps(value)}' for name, value in values.items())
                entry.append(f"parameters = {{ {bindings} }}")
            if token != default_token:
                entry.append(f'headers = {{ Authorization = "Bearer {token}" }}')
            if entry:
                lines += ["[[operations]]", f'include-name = "{method.upper()} {template}"'] + entry + [""]
    open(out_path, "w").write("\n".join(lines))
    print(f"ids from the demo data for {resolved} paths; {unresolved} left to generation", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:])
