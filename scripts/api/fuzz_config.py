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
from datetime import datetime, timezone
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
# Operations that need their thing in one state: the list is asked for that
# state when it can filter by it, and its items are kept only when they are in
# it (a batch to start is a planned one; one to lock is planned and not locked).
NOW = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def status(*wanted, **fields):
    return lambda item: item.get("status") in wanted and all(item.get(k) == v for k, v in fields.items())


IN_STATE = [
    (re.compile(r"/microtransform/batches/\{id\}/lock$"), "planned", status("planned", locked=False)),
    (re.compile(r"/microtransform/batches/\{id\}(/start|/unlock)?$"), "planned", status("planned", locked=True)),
    (re.compile(r"/microtransform/batches/\{id\}/finish$"), "running", status("running")),
    (re.compile(r"/microtransform/batches/\{id\}/(release|discard)$"), "quarantined", status("quarantined")),
    (re.compile(r"/microtransform/intakes/\{id\}/(accept|refuse)$"), "proposed", status("proposed")),
    (re.compile(r"/microtransform/intakes/\{id\}/receive$"), "accepted", status("accepted")),
    (re.compile(r"/foodaid/orders/\{id\}/cancel$"), "submitted", status("submitted")),
    (re.compile(r"/foodaid/orders/\{id\}/submit$"), "draft", status("draft")),
    (re.compile(r"/foodaid/orders/\{id\}/validate$"), "allocated", status("allocated")),
    (re.compile(r"/foodaid/orders/\{id\}/prepare$"), "validated", status("validated")),
    (re.compile(r"/foodaid/orders/\{id\}/ship$"), "prepared", status("prepared")),
    (re.compile(r"/foodaid/orders/\{id\}/receive$"), "shipped", status("shipped")),
    (re.compile(r"/foodaid/orders/\{id\}/close$"), "received", status("received")),
    (re.compile(r"/foodaid/offers/\{id\}/(accept|decline|broadcast)$"), "offered", status("offered")),
    (re.compile(r"/foodaid/parcel-requests/\{id\}/(prepare|cancel)$"), "requested", status("requested")),
    (re.compile(r"/foodaid/parcel-requests/\{id\}/hand-over$"), "prepared", status("prepared")),
    (re.compile(r"/foodaid/pickups/\{id\}/sorting$"), "received", status("received")),
    (re.compile(r"/foodaid/windows/\{id\}/allocate$"), "open",
     lambda item: item.get("status") in ("open", "full") and item.get("cutoffAt", "9") < NOW),
    (re.compile(r"/foodaid/lots/\{id\}/lift-quarantine$"), "quarantined", status("quarantined")),
    (re.compile(r"/foodaid/lots/\{id\}/corrections$"), "available", status("available")),
    (re.compile(r"/tasks/\{id\}/cancel$"), "pending", status("pending")),
]
# Collections that live under a workshop.
UNDER_WORKSHOP = ["batches", "intakes", "equipment", "recipes", "shifts", "input-lots", "output-lots"]
# Paths whose ids a client finds in another list, by template, with the field that holds the id.
BY_TEMPLATE = [
    (re.compile(r"/foodaid/partners/\{id\}/households/"), "/api/v1/foodaid/partners/households/pending", "organisationId"),
]


def items_of(found):
    if isinstance(found, dict):
        found = found.get("items") or found.get("lots") or [found]
    return [item for item in found or [] if isinstance(item, dict)]


def example_body(operation):
    content = (operation.get("requestBody") or {}).get("content", {}).get("application/json", {})
    example = content.get("example")
    return example if isinstance(example, dict) else {}


def main(base, default_token, document_path, out_path, *roles):
    document = json.load(open(document_path))
    tokens = dict(role.split("=", 1) for role in roles)

    def token_for(template):
        return next((tokens[prefix] for prefix in sorted(tokens, key=len, reverse=True) if template.startswith(prefix)),
                    default_token)
    # What is done to a user must never be done to one of the run's own users: it could end their session.
    own_users, organisation_of = set(), {}
    for token in {default_token, *tokens.values()}:
        me = (get(base, token, "/api/v1/me") or {}).get("user", {})
        own_users.add(me.get("id"))
        organisation_of[token] = next((m.get("organisationId", "") for m in me.get("memberships") or []), "")
    bank = organisation_of[default_token]
    workshop = first_id(get(base, default_token, ELSEWHERE["/api/v1/microtransform/workshops"]) or [], "id")
    for collection in UNDER_WORKSHOP:
        ELSEWHERE[f"/api/v1/microtransform/{collection}"] = f"/api/v1/microtransform/workshops/{workshop}/{collection}"
    lists, handed = {}, {}

    def candidates(token, where, keep):
        if (token, where) not in lists:
            found = get(base, token, where)
            if found is None and "status=" in where:  # a list that cannot filter by status: every item, filtered here
                found = get(base, token, re.sub(r"[?&]status=[^&]*", "", where))
            lists[(token, where)] = [item for item in items_of(found) if item.get("id") not in own_users]
        return [item for item in lists[(token, where)] if keep is None or keep(item)]

    lines = ['# Written by scripts/api/fuzz_config.py from the demo data; not committed.',
             f'headers = {{ Authorization = "Bearer {default_token}" }}', "",
             # A valid body may still be refused by a rule no schema can state (a period that ends before it starts,
             # a name taken, a lot recalled during the run): every refusal is a 422 naming the field, which
             # schemathesis's positive-data check counts as a failure. scripts/api/acceptance.py holds the run to
             # a share of write operations that accepted a generated request instead.
             "[checks]", "positive_data_acceptance.enabled = false", ""]
    resolved = unresolved = 0
    for template, methods in sorted(document["paths"].items()):
        token = token_for(template)
        parts = template.strip("/").split("/")
        names = [p[1:-1] for p in parts if p.startswith("{")]
        for method, operation in methods.items():
            example = example_body(operation)
            values, prefix = {}, ""
            for position, part in enumerate(parts):
                if not part.startswith("{"):
                    prefix += "/" + part
                    continue
                name = part[1:-1]
                schema = next((p["schema"] for p in operation.get("parameters", []) if p["in"] == "path" and p["name"] == name), {})
                if schema.get("format") != "uuid" and not (name == "id" and schema.get("type") == "integer"):
                    break
                if name == "organisationId":
                    value = organisation_of[token]
                else:
                    last = not any(p.startswith("{") for p in parts[position + 1:])
                    state = next(((query, keep) for pattern, query, keep in IN_STATE if pattern.search(template)), None) if last else None
                    special = next(((where, field) for pattern, where, field in BY_TEMPLATE if pattern.search(template)), None)
                    field = special[1] if special else name
                    where = special[0] if special else ELSEWHERE.get(prefix, prefix + "?limit=50").replace("{bank}", str(bank))
                    if state and not special:
                        where += ("&" if "?" in where else "?") + "status=" + state[0]
                    items = [item for item in candidates(token, where, state[1] if state else None)
                             if isinstance(item.get(field) or item.get("id"), (str, int))]
                    # An item that the operation's example body speaks of (same organisation) first.
                    matching = [item for item in items if example.get("organisationId") in (None, item.get("organisationId"))]
                    items = matching or items
                    if not items:
                        break
                    # Operations that change things each get their own item, so that one's change does not spoil another's.
                    key = (token, where, field)
                    index = handed.get(key, 0) if method != "get" and last else 0
                    if method != "get" and last:
                        handed[key] = index + 1
                    item = items[index % len(items)]
                    value = item.get(field) if isinstance(item.get(field), (str, int)) else item["id"]
                values[name] = value
                prefix += "/" + str(value)
            if names:
                if values:
                    resolved += 1
                else:
                    unresolved += 1
            entry = []
            if values:
                bindings = ", ".join(f'"path.{name}" = {json.dumps(value)}' for name, value in values.items())
                entry.append(f"parameters = {{ {bindings} }}")
            if token != default_token:
                entry.append(f'headers = {{ Authorization = "Bearer {token}" }}')
            if entry:
                lines += ["[[operations]]", f'include-name = "{method.upper()} {template}"'] + entry + [""]
    open(out_path, "w").write("\n".join(lines))
    print(f"ids from the demo data for {resolved} operations with path ids; {unresolved} left to generation", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:])
