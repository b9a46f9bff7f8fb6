#!/usr/bin/env python3
"""Policy test of the Kubernetes manifests (k8s/), on the output of `kustomize build` per overlay.

    k8s_policy_test.py --repo REPO OVERLAY=RENDERED.yaml...

What it asserts, on every overlay:
  - every container (init ones included) runs as non-root with no privilege escalation, a
    read-only root filesystem, all capabilities dropped and RuntimeDefault seccomp, and has CPU and
    memory requests and limits; every long-running container has readiness and liveness probes on a
    port it declares; the SISL processes' liveness is gRPC health unless their gRPC server is TLS
    (the kubelet's gRPC probe speaks plaintext), then the ops port's /healthz;
  - every SISL service has a Deployment, a Service, its own ServiceAccount (no token mounted), a
    PodDisruptionBudget, a HorizontalPodAutoscaler and a NetworkPolicy selecting its pods; every
    other workload has a PodDisruptionBudget and a NetworkPolicy too;
  - a default-deny NetworkPolicy (every pod, ingress and egress, no rule) and DNS allowed; no
    ingress rule admits everyone; only the gateway admits the ingress controller's namespace;
  - no Secret with data or stringData is rendered or committed anywhere under k8s/, no private key
    or certificate is committed, and secret-looking variables (passwords, keys) come from
    secretKeyRef, never a literal; every Secret referenced is named in docs/operations.md;
  - Kafka: 3 brokers, default replication 3 and min.insync.replicas 2, one KafkaTopic per topic
    named in proto/ (option (sisl.events.v1.topic)), each replicas 3 and min.insync.replicas 2;
    a KafkaUser per service;
  - PostgreSQL: a CloudNativePG Cluster per service with its own database and owner, WAL archiving
    to an ObjectStore that exists and a ScheduledBackup; 3 instances in prod;
  - Redis: a 3-node StatefulSet with Sentinel; the gateway's Ingress has TLS;
  - images are pinned to a tag.
Then it breaks copies of the manifests in known ways and asserts that each break is caught, so a
check that silently stopped working fails too. Prints one line per check and "N passed, N failed".
"""
import argparse
import copy
import os
import re
import sys

import yaml

SERVICES = ["booking", "enterprise", "communications", "matching", "notifications", "observatory", "gateway"]
WORKLOAD_KINDS = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"}
SECRET_ENV = re.compile(r"(PASSWORD|PASSWD|SECRET|TOKEN|PERSON_ID_KEY|API_KEY)$")


def pod_template(obj):
    if obj["kind"] == "CronJob":
        return obj["spec"]["jobTemplate"]["spec"]["template"]
    return obj["spec"]["template"]


def selects(selector, labels):
    """A LabelSelector (matchLabels/matchExpressions) against a label map."""
    if selector is None:
        return False
    for k, v in (selector.get("matchLabels") or {}).items():
        if labels.get(k) != v:
            return False
    for e in selector.get("matchExpressions") or []:
        k, op, vals = e["key"], e["operator"], e.get("values") or []
        if op == "In" and labels.get(k) not in vals:
            return False
        if op == "NotIn" and labels.get(k) in vals:
            return False
        if op == "Exists" and k not in labels:
            return False
        if op == "DoesNotExist" and k in labels:
            return False
    return True


def of_kind(docs, kind):
    return [d for d in docs if d.get("kind") == kind]


def named(docs, kind, name):
    for d in docs:
        if d.get("kind") == kind and d["metadata"]["name"] == name:
            return d
    return None


def check_containers(obj, errors):
    where = f"{obj['kind']}/{obj['metadata']['name']}"
    spec = pod_template(obj)["spec"]
    pod_sc = spec.get("securityContext") or {}
    if (pod_sc.get("seccompProfile") or {}).get("type") != "RuntimeDefault":
        errors.append(f"{where}: pod securityContext.seccompProfile is not RuntimeDefault")
    if pod_sc.get("runAsUser") == 0:
        errors.append(f"{where}: pod runs as uid 0")
    for c in spec.get("initContainers", []) + spec.get("containers", []):
        cw = f"{where} container {c['name']}"
        init = c in spec.get("initContainers", [])
        sc = c.get("securityContext") or {}
        if not (sc.get("runAsNonRoot") is True or (pod_sc.get("runAsNonRoot") is True and "runAsNonRoot" not in sc)):
            errors.append(f"{cw}: runAsNonRoot is not true")
        if sc.get("runAsUser", pod_sc.get("runAsUser")) in (0, None):
            errors.append(f"{cw}: no non-zero runAsUser")
        if sc.get("allowPrivilegeEscalation") is not False:
            errors.append(f"{cw}: allowPrivilegeEscalation is not false")
        if sc.get("readOnlyRootFilesystem") is not True:
            errors.append(f"{cw}: readOnlyRootFilesystem is not true")
        if sc.get("privileged"):
            errors.append(f"{cw}: privileged")
        if "ALL" not in ((sc.get("capabilities") or {}).get("drop") or []):
            errors.append(f"{cw}: capabilities do not drop ALL")
        if (sc.get("capabilities") or {}).get("add"):
            errors.append(f"{cw}: adds capabilities")
        res = c.get("resources") or {}
        for part in ("requests", "limits"):
            for r in ("cpu", "memory"):
                if r not in (res.get(part) or {}):
                    errors.append(f"{cw}: no {r} {part[:-1]}")
        image = c.get("image", "")
        if ":" not in image.rsplit("/", 1)[-1] and "@sha256:" not in image or image.endswith(":latest"):
            errors.append(f"{cw}: image {image!r} is not pinned to a tag")
        for e in c.get("env") or []:
            if SECRET_ENV.search(e["name"]) and "value" in e:
                errors.append(f"{cw}: {e['name']} is a literal; secrets come from secretKeyRef")
        if init:
            continue
        ports = {p.get("name") for p in c.get("ports") or []} | {p["containerPort"] for p in c.get("ports") or []}
        for probe in ("readinessProbe", "livenessProbe"):
            p = c.get(probe)
            if not p:
                errors.append(f"{cw}: no {probe}")
                continue
            handler = [h for h in ("httpGet", "grpc", "tcpSocket", "exec") if h in p]
            if len(handler) != 1:
                errors.append(f"{cw}: {probe} has {len(handler)} handlers")
                continue
            port = (p[handler[0]] or {}).get("port")
            if handler[0] != "exec" and port not in ports:
                errors.append(f"{cw}: {probe} probes port {port!r}, not one the container declares")


def check_sisl_service(docs, svc, errors):
    name = f"sisl-{svc}"
    dep = named(docs, "Deployment", name)
    if not dep:
        errors.append(f"{name}: no Deployment")
        return
    labels = pod_template(dep)["metadata"].get("labels") or {}
    spec = pod_template(dep)["spec"]
    if not named(docs, "Service", name):
        errors.append(f"{name}: no Service")
    sa = named(docs, "ServiceAccount", name)
    if not sa:
        errors.append(f"{name}: no ServiceAccount")
    elif spec.get("serviceAccountName") != name:
        errors.append(f"{name}: the pods do not use their own ServiceAccount")
    if spec.get("automountServiceAccountToken") is not False:
        errors.append(f"{name}: the pods mount a service account token")
    if not any(h["spec"]["scaleTargetRef"]["name"] == name and h["spec"]["scaleTargetRef"]["kind"] == "Deployment"
               for h in of_kind(docs, "HorizontalPodAutoscaler")):
        errors.append(f"{name}: no HorizontalPodAutoscaler")
    if dep["spec"].get("replicas") is not None:
        errors.append(f"{name}: the Deployment sets replicas while an HPA owns the count")
    c = next((c for c in spec["containers"] if c["name"] == name), None)
    if c is None:
        errors.append(f"{name}: no container {name}")
        return
    env = {e["name"]: e for e in c.get("env") or []}
    grpc_port = next((p["containerPort"] for p in c.get("ports") or [] if p.get("name") == "grpc"), None)
    live = c.get("livenessProbe") or {}
    if "SISL_SERVICE_TLS_CERT_FILE" in env:
        if "grpc" in live or "grpc" in (c.get("readinessProbe") or {}) or "grpc" in (c.get("startupProbe") or {}):
            errors.append(f"{name}: gRPC probe on a TLS gRPC server (the kubelet probes in plaintext)")
        if (live.get("httpGet") or {}).get("path") != "/healthz":
            errors.append(f"{name}: liveness is not the ops port's /healthz")
    elif (live.get("grpc") or {}).get("port") != grpc_port:
        errors.append(f"{name}: liveness is not gRPC health on its gRPC port {grpc_port}")
    if ((c.get("readinessProbe") or {}).get("httpGet") or {}).get("path") != "/readyz":
        errors.append(f"{name}: readiness is not the ops port's /readyz")
    if not any(e["name"] == "SISL_DATABASE_URL" for e in c.get("env") or []):
        errors.append(f"{name}: no SISL_DATABASE_URL")
    if not any(d.get("kind") == "ConfigMap" and d["metadata"]["name"].startswith(f"{name}-config")
               for d in docs):
        errors.append(f"{name}: no ConfigMap from deploy/config/{svc}.yaml")


def own_policies(docs, labels):
    return [p for p in of_kind(docs, "NetworkPolicy")
            if p["spec"].get("podSelector") and selects(p["spec"]["podSelector"], labels)]


def check_workloads(docs, errors):
    pdbs = of_kind(docs, "PodDisruptionBudget")
    for w in [d for d in docs if d["kind"] in WORKLOAD_KINDS]:
        where = f"{w['kind']}/{w['metadata']['name']}"
        labels = pod_template(w)["metadata"].get("labels") or {}
        check_containers(w, errors)
        if w["kind"] in ("Deployment", "StatefulSet") and not any(selects(p["spec"].get("selector"), labels) for p in pdbs):
            errors.append(f"{where}: no PodDisruptionBudget")
        if not own_policies(docs, labels):
            errors.append(f"{where}: no NetworkPolicy of its own")


def check_network(docs, errors):
    pols = of_kind(docs, "NetworkPolicy")
    deny = [p for p in pols if p["spec"].get("podSelector") in ({}, None)
            and set(p["spec"].get("policyTypes") or []) == {"Ingress", "Egress"}
            and not p["spec"].get("ingress") and not p["spec"].get("egress")]
    if not deny:
        errors.append("no default-deny NetworkPolicy (every pod, Ingress and Egress, no rule)")
    if not any(any(any(port.get("port") == 53 for port in r.get("ports") or []) for r in p["spec"].get("egress") or [])
               for p in pols if p["spec"].get("podSelector") in ({}, None)):
        errors.append("DNS egress is not allowed to every pod")
    for p in pols:
        for r in p["spec"].get("ingress") or []:
            if not r.get("from"):
                errors.append(f"NetworkPolicy/{p['metadata']['name']}: an ingress rule admits everyone")
            for peer in r.get("from") or []:
                ns = ((peer.get("namespaceSelector") or {}).get("matchLabels") or {}).get("kubernetes.io/metadata.name")
                if ns and ns.startswith("ingress") and p["metadata"]["name"] != "sisl-gateway":
                    errors.append(f"NetworkPolicy/{p['metadata']['name']}: admits the ingress controller")
    for svc in SERVICES:
        dep = named(docs, "Deployment", f"sisl-{svc}")
        if dep and not own_policies(docs, pod_template(dep)["metadata"]["labels"]):
            errors.append(f"sisl-{svc}: no NetworkPolicy")
    gw = named(docs, "NetworkPolicy", "sisl-gateway")
    if gw:
        ports = [port.get("port") for r in gw["spec"].get("ingress") or [] for port in r.get("ports") or []
                 for peer in r.get("from") or [] if "namespaceSelector" in peer
                 and (peer["namespaceSelector"].get("matchLabels") or {}).get("kubernetes.io/metadata.name", "").startswith("ingress")]
        if ports != [8080]:
            errors.append(f"NetworkPolicy/sisl-gateway: the ingress controller reaches ports {ports}, not only 8080")
    ing = named(docs, "Ingress", "sisl-gateway")
    if not ing or not ing["spec"].get("tls"):
        errors.append("no Ingress with TLS for the gateway")
    else:
        backends = [p["backend"]["service"]["name"] for r in ing["spec"]["rules"] for p in r["http"]["paths"]]
        if set(backends) != {"sisl-gateway"}:
            errors.append(f"the Ingress reaches {backends}, not only the gateway")
    if len(of_kind(docs, "Ingress")) != 1:
        errors.append("more than one Ingress")


def proto_topics(repo):
    topics = set()
    for root, _, files in os.walk(os.path.join(repo, "proto")):
        for f in files:
            if f.endswith(".proto"):
                with open(os.path.join(root, f), encoding="utf-8") as fh:
                    topics |= set(re.findall(r'option \(sisl\.events\.v1\.topic\) = "([^"]+)"', fh.read()))
    return topics


def check_kafka(docs, repo, errors):
    kafka = of_kind(docs, "Kafka")
    if len(kafka) != 1:
        errors.append(f"{len(kafka)} Kafka clusters, not 1")
        return
    cfg = kafka[0]["spec"]["kafka"].get("config") or {}
    if cfg.get("default.replication.factor") != 3 or cfg.get("min.insync.replicas") != 2:
        errors.append("Kafka: default.replication.factor 3 and min.insync.replicas 2 are not both set")
    if cfg.get("auto.create.topics.enable") is not False:
        errors.append("Kafka: topics may be created by clients")
    brokers = sum(p["spec"]["replicas"] for p in of_kind(docs, "KafkaNodePool") if "broker" in p["spec"]["roles"])
    if brokers < 3:
        errors.append(f"Kafka: {brokers} brokers, fewer than 3")
    declared = {}
    for t in of_kind(docs, "KafkaTopic"):
        name = t["spec"].get("topicName", t["metadata"]["name"])
        declared[name] = t
        if t["spec"].get("replicas") != 3 or (t["spec"].get("config") or {}).get("min.insync.replicas") != 2:
            errors.append(f"KafkaTopic {name}: not replicas 3 with min.insync.replicas 2")
        if not t["spec"].get("partitions"):
            errors.append(f"KafkaTopic {name}: no partition count")
    wanted = proto_topics(repo)
    if not wanted:
        errors.append("no topic found in proto/")
    for t in sorted(wanted - set(declared)):
        errors.append(f"topic {t} (proto/) has no KafkaTopic")
    for t in sorted(set(declared) - wanted):
        errors.append(f"KafkaTopic {t} is not a topic of proto/")
    for svc in SERVICES:
        if not named(docs, "KafkaUser", f"sisl-{svc}"):
            errors.append(f"sisl-{svc}: no KafkaUser")


def check_postgres(docs, overlay, errors):
    for svc in SERVICES:
        name = f"sisl-{svc}-pg"
        cl = named(docs, "Cluster", name)
        if not cl:
            errors.append(f"{name}: no CloudNativePG Cluster")
            continue
        init = cl["spec"].get("bootstrap", {}).get("initdb", {})
        if init.get("database") != f"sisl_{svc}" or init.get("owner") != f"sisl_{svc}":
            errors.append(f"{name}: not its own database and owner sisl_{svc}")
        if overlay == "prod" and cl["spec"].get("instances") != 3:
            errors.append(f"{name}: {cl['spec'].get('instances')} instances in prod, not 3")
        plugins = [p for p in cl["spec"].get("plugins") or [] if p.get("isWALArchiver")]
        store = plugins and plugins[0].get("parameters", {}).get("barmanObjectName")
        if not store or not named(docs, "ObjectStore", store):
            errors.append(f"{name}: no WAL archiving to an ObjectStore")
        if not any(b["spec"]["cluster"]["name"] == name for b in of_kind(docs, "ScheduledBackup")):
            errors.append(f"{name}: no ScheduledBackup")


def check_redis(docs, errors):
    sts = named(docs, "StatefulSet", "sisl-redis")
    if not sts or sts["spec"].get("replicas", 1) < 3:
        errors.append("Redis: no StatefulSet sisl-redis of 3 nodes")
    elif not any("sentinel" in c["name"] for c in pod_template(sts)["spec"]["containers"]):
        errors.append("Redis: no Sentinel (failover)")


def referenced_secrets(docs):
    names = set()

    def walk(node):
        if isinstance(node, dict):
            if "secretKeyRef" in node:
                names.add(node["secretKeyRef"]["name"])
            if "secret" in node and isinstance(node["secret"], dict) and "secretName" in node["secret"]:
                names.add(node["secret"]["secretName"])
            if "secretName" in node and isinstance(node["secretName"], str):
                names.add(node["secretName"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for d in docs:
        if d["kind"] in WORKLOAD_KINDS or d["kind"] in ("Ingress", "ObjectStore"):
            walk(d.get("spec"))
    return names


OPERATOR_MADE = re.compile(r"^(sisl-[a-z]+-pg-(app|ca)|sisl-kafka-cluster-ca-cert|sisl-(booking|enterprise|communications|matching|notifications|observatory|gateway))$")


def check_secrets(docs, repo, errors):
    for d in of_kind(docs, "Secret"):
        if d.get("data") or d.get("stringData"):
            errors.append(f"Secret/{d['metadata']['name']} carries data in the rendered manifests")
    with open(os.path.join(repo, "docs", "operations.md"), encoding="utf-8") as f:
        ops = f.read()
    for name in sorted(referenced_secrets(docs)):
        generic = re.sub(r"^sisl-(%s)-" % "|".join(SERVICES), "sisl-<svc>-", name)
        if not OPERATOR_MADE.match(name) and f"`{name}`" not in ops and f"`{generic}`" not in ops:
            errors.append(f"Secret {name} is referenced but not described in docs/operations.md")


def check_tree(repo, errors):
    """Everything committed under k8s/: no Secret with data, no key material."""
    for root, _, files in os.walk(os.path.join(repo, "k8s")):
        for f in files:
            path = os.path.join(root, f)
            rel = os.path.relpath(path, repo)
            with open(path, encoding="utf-8", errors="replace") as fh:
                text = fh.read()
            if re.search(r"-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----", text):
                errors.append(f"{rel}: holds a key or certificate")
            if f.endswith((".yaml", ".yml")):
                try:
                    docs = [d for d in yaml.safe_load_all(text) if isinstance(d, dict)]
                except yaml.YAMLError as e:
                    errors.append(f"{rel}: not YAML ({e})")
                    continue
                for d in docs:
                    if d.get("kind") == "Secret" and (d.get("data") or d.get("stringData")):
                        errors.append(f"{rel}: a Secret with data")
                    for g in d.get("secretGenerator") or []:
                        errors.append(f"{rel}: a secretGenerator ({g.get('name')})")


def check_overlay(docs, overlay, repo):
    errors = []
    check_workloads(docs, errors)
    for svc in SERVICES:
        check_sisl_service(docs, svc, errors)
    check_network(docs, errors)
    check_kafka(docs, repo, errors)
    check_postgres(docs, overlay, errors)
    check_redis(docs, errors)
    check_secrets(docs, repo, errors)
    return errors


def mutations():
    """Known breaks, each of which the checks must catch."""

    def dep(docs, name="sisl-booking"):
        return named(docs, "Deployment", name)

    def container(docs, name="sisl-booking"):
        return pod_template(dep(docs, name))["spec"]["containers"][0]

    def drop(kind, name):
        return lambda docs: docs.remove(named(docs, kind, name))

    return [
        ("memory limit removed", lambda d: container(d)["resources"]["limits"].pop("memory")),
        ("cpu request removed", lambda d: container(d, "sisl-gateway")["resources"]["requests"].pop("cpu")),
        ("privilege escalation allowed", lambda d: container(d).__setitem__("securityContext", {**container(d)["securityContext"], "allowPrivilegeEscalation": True})),
        ("writable root filesystem", lambda d: container(d, "sisl-matching")["securityContext"].pop("readOnlyRootFilesystem")),
        ("runs as root", lambda d: (container(d)["securityContext"].pop("runAsNonRoot"), container(d)["securityContext"].__setitem__("runAsUser", 0), pod_template(dep(d))["spec"]["securityContext"].pop("runAsNonRoot"))),
        ("init container without limits", lambda d: pod_template(dep(d, "sisl-gateway"))["spec"]["initContainers"][0].pop("resources")),
        ("readiness probe removed", lambda d: container(d, "sisl-observatory").pop("readinessProbe")),
        ("liveness probe removed", lambda d: container(d, "sisl-enterprise").pop("livenessProbe")),
        ("Redis probe removed", lambda d: pod_template(named(d, "StatefulSet", "sisl-redis"))["spec"]["containers"][1].pop("livenessProbe")),
        ("PDB removed", drop("PodDisruptionBudget", "sisl-communications")),
        ("HPA removed", drop("HorizontalPodAutoscaler", "sisl-notifications")),
        ("ServiceAccount removed", drop("ServiceAccount", "sisl-matching")),
        ("NetworkPolicy removed", drop("NetworkPolicy", "sisl-observatory")),
        ("default deny removed", drop("NetworkPolicy", "default-deny-all")),
        ("Secret with data", lambda d: d.append({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "x"},
                                                 "stringData": {"password": "hunter2"}})),
        ("password as a literal", lambda d: container(d)["env"].append({"name": "SISL_CACHE_PASSWORD", "value": "hunter2"})),
        ("undocumented Secret", lambda d: container(d)["env"].append({"name": "X", "valueFrom": {"secretKeyRef": {"name": "sisl-undocumented", "key": "k"}}})),
        ("ingress open to all", lambda d: named(d, "NetworkPolicy", "sisl-booking")["spec"]["ingress"].append({"ports": [{"port": 50061}]})),
        ("topic missing", drop("KafkaTopic", "sisl-booking-appointments-v1")),
        ("topic with replication 1", lambda d: named(d, "KafkaTopic", "sisl-matching-profiles-v1")["spec"].__setitem__("replicas", 1)),
        ("no backup", drop("ScheduledBackup", "sisl-booking-pg-daily")),
        ("untagged image", lambda d: container(d).__setitem__("image", "registry.example/sisl-booking")),
    ]


def main():
    ap = argparse.ArgumentParser(description="policy test of the rendered k8s overlays")
    ap.add_argument("--repo", required=True)
    ap.add_argument("rendered", nargs="+", help="OVERLAY=FILE (output of kustomize build)")
    args = ap.parse_args()
    passed = failed = 0

    def report(ok, what, errors=()):
        nonlocal passed, failed
        if ok:
            passed += 1
            print(f"PASS {what}")
        else:
            failed += 1
            print(f"FAIL {what}")
            for e in errors:
                print(f"     {e}")

    tree_errors = []
    check_tree(args.repo, tree_errors)
    report(not tree_errors, "k8s/ tree: no Secret data, no key material", tree_errors)
    for item in args.rendered:
        overlay, path = item.split("=", 1)
        with open(path, encoding="utf-8") as f:
            docs = [d for d in yaml.safe_load_all(f) if isinstance(d, dict)]
        errors = check_overlay(docs, overlay, args.repo)
        report(not errors, f"{overlay}: {len(docs)} objects meet the policies", errors)
        if overlay == "prod" or len(args.rendered) == 1:
            for what, breaks in mutations():
                broken = copy.deepcopy(docs)
                breaks(broken)
                caught = check_overlay(broken, overlay, args.repo)
                report(bool(caught), f"{overlay}: a manifest with {what} is refused"
                       + (f" ({caught[0]})" if caught else ""))
    print(f"k8s policy: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
