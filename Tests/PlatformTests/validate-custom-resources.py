"""Validates the objects a CustomResourceDefinition defines, found among rendered manifests,
against the CRD's own openAPIV3Schema, strictly: a field the schema does not know is an error
(as `kubectl apply --validate=strict` reports it), except under x-kubernetes-preserve-unknown-fields.
Prints `KIND/NAME valid` per valid object, `KIND/NAME: PATH: MESSAGE` per problem; exits 1 on any
problem. Run with the Python of .tools/venv (PyYAML and jsonschema come with kubernetes-validate).

Usage: python3 validate-custom-resources.py CRD_FILE MANIFESTS_FILE
"""
import sys

import jsonschema
import yaml


def strict(schema):
    """The schema with additionalProperties: false on every object that lists its properties."""
    if isinstance(schema, list):
        return [strict(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result = {key: strict(value) for key, value in schema.items()}
    if (schema.get("type") == "object" and "properties" in schema and "additionalProperties" not in schema
            and not schema.get("x-kubernetes-preserve-unknown-fields")):
        result["additionalProperties"] = False
    return result


def main(crd_path, manifests_path):
    with open(crd_path, encoding="utf-8") as source:
        crd = yaml.load(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    kind = crd["spec"]["names"]["kind"]
    group = crd["spec"]["group"]
    validators = {
        f"{group}/{version['name']}": jsonschema.Draft7Validator(strict(version["schema"]["openAPIV3Schema"]))
        for version in crd["spec"]["versions"]
    }
    with open(manifests_path, encoding="utf-8") as source:
        objects = [document for document in yaml.safe_load_all(source) if document and document.get("kind") == kind]
    failed = False
    for manifest in objects:
        label = f"{kind}/{manifest.get('metadata', {}).get('name')}"
        validator = validators.get(manifest.get("apiVersion"))
        if validator is None:
            print(f"{label}: apiVersion {manifest.get('apiVersion')} is not served by the CRD")
            failed = True
            continue
        errors = sorted(validator.iter_errors(manifest), key=lambda error: list(error.path))
        for error in errors:
            print(f"{label}: {'.'.join(str(part) for part in error.path) or '.'}: {error.message}")
        failed = failed or bool(errors)
        if not errors:
            print(f"{label} valid")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
