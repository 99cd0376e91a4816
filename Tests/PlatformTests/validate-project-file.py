"""Validates project files against a JSON Schema as an editor does with the schema a file names
in its `# yaml-language-server: $schema=…` line: every YAML document of the file (read by PyYAML)
against the schema, with jsonschema's validator for the schema's draft. Prints `FILE valid`, or
`FILE: at 'POINTER': MESSAGE` per problem (POINTER a JSON pointer, '' for the document itself);
exits 1 on any problem. Run with the Python of .tools/venv (PyYAML and jsonschema come with
kubernetes-validate).

Usage: python3 validate-project-file.py SCHEMA_FILE PROJECT_FILE...
"""
import json
import sys

import jsonschema
import yaml


def pointer(path):
    return "".join(f"/{part}" for part in path)


def main(schema_path, *files):
    with open(schema_path, encoding="utf-8") as source:
        schema = json.load(source)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    failed = False
    for path in files:
        with open(path, encoding="utf-8") as source:
            documents = list(yaml.safe_load_all(source))
        errors = [error for document in documents for error in validator.iter_errors(document)]
        for error in sorted(errors, key=lambda error: list(map(str, error.absolute_path))):
            print(f"{path}: at '{pointer(error.absolute_path)}': {error.message}")
        failed = failed or bool(errors)
        if not errors:
            print(f"{path} valid")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
