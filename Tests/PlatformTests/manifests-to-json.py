"""Prints the YAML documents of a file (helm template's output, a project file, values.yaml)
as one JSON array, leaving out empty documents. The platform tests run it with the Python of
.tools/venv (scripts/install-tools), which has PyYAML, so that they read YAML without a YAML
library of their own.

Usage: python3 manifests-to-json.py FILE
"""
import json
import sys

import yaml

with open(sys.argv[1], encoding="utf-8") as source:
    documents = [document for document in yaml.safe_load_all(source) if document is not None]
json.dump(documents, sys.stdout)
