#!/usr/bin/env python3
"""Lays out the JSON schemas kubeconform reads, from packages only (no download of schemas).

    k8s-schemas.py builtin SRC DEST
        SRC: the `vX.Y.Z-local-strict` folder of the PyPI package kubernetes-validate (Kubernetes'
        own OpenAPI as JSON schemas, one file per kind plus _definitions.json, referenced as
        "/api/_definitions.json#/$defs/..."). Writes DEST/vX.Y.Z-standalone-strict/, kubeconform's
        layout ({kind}-{group}-{version}.json), with the references made relative so that the
        kind files resolve _definitions.json beside them.

    k8s-schemas.py crd DEST CRD.yaml...
        Each CustomResourceDefinition's openAPIV3Schema of every served version becomes
        DEST/{group}/{kind}_{version}.json (kind lower case): OpenAPI v3 made JSON schema
        (nullable, x-kubernetes-int-or-string), strict (additionalProperties: false on every
        object that lists its properties, unless the CRD keeps unknown fields there), and
        apiVersion/kind pinned to the CRD's.

Needs PyYAML (Debian python3-yaml) for the CRDs.
"""
import json
import os
import re
import sys


def fix_refs(node):
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k == "$id":
                continue
            if k == "$ref" and isinstance(v, str):
                v = re.sub(r"^/api/_definitions\.json", "_definitions.json", v)
            out[k] = fix_refs(v)
        return out
    if isinstance(node, list):
        return [fix_refs(v) for v in node]
    return node


def builtin(src, dest):
    src = os.path.abspath(src)
    m = re.match(r"(v\d+\.\d+\.\d+)-local-strict$", os.path.basename(src))
    if not m:
        sys.exit(f"k8s-schemas: {src} is not a kubernetes-validate vX.Y.Z-local-strict folder")
    out = os.path.join(dest, f"{m.group(1)}-standalone-strict")
    os.makedirs(out, exist_ok=True)
    n = 0
    for name in sorted(os.listdir(src)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(src, name), encoding="utf-8") as f:
            doc = json.load(f)
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            json.dump(fix_refs(doc), f, separators=(",", ":"))
        n += 1
    print(f"k8s-schemas: {n} built-in schemas in {out}")


def to_json_schema(node, strict=True):
    """OpenAPI v3 (structural CRD schema) -> JSON schema for kubeconform."""
    if isinstance(node, list):
        return [to_json_schema(v, strict) for v in node]
    if not isinstance(node, dict):
        return node
    node = dict(node)
    preserve = node.pop("x-kubernetes-preserve-unknown-fields", False)
    if node.pop("x-kubernetes-int-or-string", False):
        node.pop("type", None)
        node.setdefault("anyOf", [{"type": "integer"}, {"type": "string"}])
        if node.get("anyOf") and all(isinstance(a, dict) and set(a) <= {"type"} for a in node["anyOf"]):
            node["anyOf"] = [{"type": "integer"}, {"type": "string"}]
    for k in [k for k in node if k.startswith("x-kubernetes-")]:
        node.pop(k)
    out = {}
    for k, v in node.items():
        if k in ("properties", "patternProperties", "definitions", "$defs"):
            out[k] = {name: to_json_schema(s, strict) for name, s in v.items()}
        elif k in ("items", "additionalProperties", "not") and isinstance(v, dict):
            out[k] = to_json_schema(v, strict)
        elif k in ("allOf", "anyOf", "oneOf"):
            out[k] = [to_json_schema(s, strict) for s in v]
        else:
            out[k] = v
    if out.pop("nullable", False) and "type" in out:
        out["type"] = [out["type"], "null"] if isinstance(out["type"], str) else out["type"] + ["null"]
    if (strict and not preserve and "properties" in out and "additionalProperties" not in out
            and out.get("type") in ("object", ["object", "null"])):
        out["additionalProperties"] = False
    return out


def crd(dest, files):
    import yaml  # only here: the built-in half needs no PyYAML

    class Loader(yaml.SafeLoader):
        pass

    # YAML 1.1's "=" (the value key type) appears as a plain enum value in some CRDs.
    Loader.add_constructor("tag:yaml.org,2002:value", lambda loader, node: loader.construct_scalar(node))
    n = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            docs = [d for d in yaml.load_all(f, Loader=Loader) if d]
        for doc in docs:
            if doc.get("kind") != "CustomResourceDefinition":
                continue
            spec = doc["spec"]
            group, kind = spec["group"], spec["names"]["kind"]
            for version in spec["versions"]:
                if not version.get("served", True):
                    continue
                schema = (version.get("schema") or spec.get("validation") or {}).get("openAPIV3Schema")
                if not schema:
                    continue
                js = to_json_schema(schema)
                props = js.setdefault("properties", {})
                props["apiVersion"] = {"type": "string", "enum": [f"{group}/{version['name']}"]}
                props["kind"] = {"type": "string", "enum": [kind]}
                js["$schema"] = "http://json-schema.org/draft-04/schema#"
                out_dir = os.path.join(dest, group)
                os.makedirs(out_dir, exist_ok=True)
                with open(os.path.join(out_dir, f"{kind.lower()}_{version['name']}.json"), "w", encoding="utf-8") as f:
                    json.dump(js, f, separators=(",", ":"))
                n += 1
    print(f"k8s-schemas: {n} CRD schemas in {dest}")


def main(argv):
    if len(argv) >= 3 and argv[0] == "builtin":
        builtin(argv[1], argv[2])
    elif len(argv) >= 3 and argv[0] == "crd":
        crd(argv[1], argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
