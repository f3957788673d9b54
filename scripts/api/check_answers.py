"""Checks the answers the API tests received against the API description.

Reads the OpenAPI 3.1 document (`collectod openapi`) and the answers recorded
by the test helpers (COLLECTOD_API_RECORD: JSON lines of method, path, status,
content type and body). Every answer of a described operation must have a
documented status, and a JSON body must fit that status's schema (JSON Schema
2020-12, formats checked, by jsonschema_rs). Prints what it checked; exits 1
on the first 40 distinct failures.

    python check_answers.py openapi.json RECORD_DIR
"""

import glob
import json
import re
import sys

import jsonschema_rs


def operations(document):
    """(method, regex, literal segments, path template, operation) for every operation, most literal first."""
    found = []
    for template, methods in document["paths"].items():
        parts = template.strip("/").split("/")
        pattern = "^/" + "/".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts) + "/?$"
        literal = sum(1 for p in parts if not p.startswith("{"))
        for method, operation in methods.items():
            found.append((method.upper(), re.compile(pattern), literal, template, operation))
    found.sort(key=lambda entry: -entry[2])
    return found


def main(document_path, folder):
    document = json.load(open(document_path))
    components = document.get("components", {})
    table = operations(document)
    validators = {}

    def validator(schema):
        key = json.dumps(schema, sort_keys=True)
        if key not in validators:
            validators[key] = jsonschema_rs.Draft202012Validator(
                {**schema, "components": components}, validate_formats=True)
        return validators[key]

    checked = skipped = 0
    seen_operations = set()
    failures = {}
    for name in sorted(glob.glob(f"{folder}/*.ndjson")):
        for line in open(name):
            answer = json.loads(line)
            match = next((entry for entry in table
                          if entry[0] == answer["method"] and entry[1].match(answer["path"])), None)
            if match is None:
                skipped += 1  # a test module's route (the probe), or an address that exists under no method
                continue
            method, _, _, template, operation = match
            checked += 1
            seen_operations.add((method, template))
            status = str(answer["status"])
            responses = operation.get("responses", {})
            described = responses.get(status)
            where = f"{method} {template} → {status}"
            if described is None:
                failures.setdefault(where, f"status {status} is not documented ({', '.join(sorted(responses))})")
                continue
            kind = answer["contentType"].split(";")[0].strip()
            content = {key.split(";")[0].strip(): value for key, value in described.get("content", {}).items()}
            if kind and content and kind not in content:
                failures.setdefault(where, f"content type {kind} is not documented ({', '.join(content)})")
                continue
            schema = content.get(kind, {}).get("schema")
            if kind != "application/json" or not schema or not answer["body"]:
                continue
            try:
                body = json.loads(answer["body"])
            except ValueError:
                failures.setdefault(where, "the body is not JSON")
                continue
            errors = list(validator(schema).iter_errors(body))
            if errors:
                error = errors[0]
                failures.setdefault(where, f"{error.message} at {'/'.join(map(str, error.instance_path)) or 'the top'}")
    total = sum(len(methods) for methods in document["paths"].values())
    print(f"API answers checked against the description: {checked} answers of {len(seen_operations)} of {total} operations "
          f"({skipped} answers of routes it does not describe skipped), {len(failures)} failing")
    for where, problem in list(failures.items())[:40]:
        print(f"  {where}: {problem}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
