#!/usr/bin/env bash
# Validates the Kubernetes manifests of k8s/ (issue 16): the generated files are current, every
# overlay renders with kustomize, kubeconform accepts every object in strict mode against the
# Kubernetes 1.32 schemas and the CRD schemas of Strimzi, CloudNativePG (and its Barman Cloud
# plugin) and the Prometheus Operator, the policy test holds (tests/deploy/k8s_policy_test.py),
# and promtool checks and unit-tests the alert rules.
#
# Everything comes from package registries, never from a download site (docs/operations.md,
# "Validating the manifests"):
#   kubeconform              Go module proxy (go install), into .run/bin
#   Kubernetes' own schemas  PyPI kubernetes-validate (its vX.Y.Z-local-strict JSON schemas)
#   Strimzi CRDs             Maven Central io.strimzi:api + io.strimzi:crd-generator (the CRDs
#                            are generated from the API classes, as Strimzi's build does)
#   CloudNativePG CRDs       Go module github.com/cloudnative-pg/cloudnative-pg (config/crd/bases)
#   Barman Cloud plugin CRD  Go module github.com/cloudnative-pg/plugin-barman-cloud
#   Prometheus Operator CRDs Go module github.com/prometheus-operator/prometheus-operator
#   promtool                 Debian's prometheus package (promtool taken out of the .deb, nothing
#                            installed or started), else go install; skipped with a reason if
#                            neither works
# Tools land in .run/bin, schemas and downloads in .run/k8s-validate; a second run reuses them.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN="$REPO/.run"
BIN="$RUN/bin"
CACHE="$RUN/k8s-validate"
K8S_VERSION=1.32.0
KUBERNETES_VALIDATE_VERSION=1.37.0
KUBECONFORM_VERSION=v0.7.0
KUSTOMIZE_VERSION=v5.5.0
STRIMZI_VERSION=1.2.0
CNPG_VERSION=v1.28.0
BARMAN_CLOUD_VERSION=v0.7.0
PROMETHEUS_OPERATOR_VERSION=v0.85.0
PROMTOOL_GO_VERSION=v0.316.0
SCHEMA_STAMP="k8s=$K8S_VERSION kv=$KUBERNETES_VALIDATE_VERSION strimzi=$STRIMZI_VERSION cnpg=$CNPG_VERSION barman=$BARMAN_CLOUD_VERSION pop=$PROMETHEUS_OPERATOR_VERSION converter=$(cksum <"$REPO/scripts/k8s-schemas.py" | cut -d' ' -f1)"

say() { printf 'k8s-validate: %s\n' "$*"; }
die() { printf 'k8s-validate: error: %s\n' "$*" >&2; exit 1; }
mkdir -p "$BIN" "$CACHE"
export PATH="$BIN:$PATH:/usr/local/go/bin"

APT_UPDATED=
apt_install() {  # packages...
  command -v apt-get >/dev/null || die "apt-get is missing; install $* by hand"
  [[ -n $APT_UPDATED ]] || { apt-get update -qq >/dev/null 2>&1 || true; APT_UPDATED=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- Python with PyYAML -------------------------------------------------------------------------
PY=
for p in python3 /usr/bin/python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import yaml' 2>/dev/null; then PY=$(command -v "$p"); break; fi
done
if [[ -z $PY ]]; then
  say "installing python3-yaml (Debian)"
  apt_install python3 python3-yaml
  PY=/usr/bin/python3
fi

# --- Go (kubeconform, the Go modules holding CRDs) ----------------------------------------------
command -v go >/dev/null || die "Go is missing (expected on PATH or in /usr/local/go/bin)"

if [[ ! -x $BIN/kubeconform || "$(cat "$BIN/.kubeconform-version" 2>/dev/null)" != "$KUBECONFORM_VERSION" ]]; then
  say "installing kubeconform $KUBECONFORM_VERSION (go install)"
  GOBIN="$BIN" GOFLAGS=-buildvcs=false go install "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION"
  echo "$KUBECONFORM_VERSION" >"$BIN/.kubeconform-version"
fi

# kustomize: kubectl's built-in one, else the Go module.
if command -v kubectl >/dev/null && kubectl kustomize --help >/dev/null 2>&1; then
  KUSTOMIZE=(kubectl kustomize)
else
  if [[ ! -x $BIN/kustomize ]]; then
    say "installing kustomize $KUSTOMIZE_VERSION (go install)"
    GOBIN="$BIN" go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
  fi
  KUSTOMIZE=("$BIN/kustomize" build)
fi

# --- Schemas ------------------------------------------------------------------------------------
go_module_dir() {  # module@version: prints its directory in the module cache (downloading it)
  (cd "$CACHE" && go mod download -json "$1") | "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(d.get("Dir") or sys.exit(d.get("Error","no Dir")))'
}

java_21() {  # prints a java of version 21 or newer (the Strimzi CRD generator's class files)
  local j v
  for j in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [[ -n $j && -x $j ]] || continue
    v=$("$j" -XshowSettings:properties -version 2>&1 | sed -nE 's/^ *java\.specification\.version = ([0-9]+).*/\1/p')
    if [[ -n $v && $v -ge 21 ]]; then echo "$j"; return 0; fi
  done
  return 1
}

strimzi_crds() {  # dest: writes the CRDs of the resources SISL uses
  local dir="$CACHE/strimzi" java
  mkdir -p "$dir" "$1"
  command -v mvn >/dev/null || { say "installing maven (Debian)"; apt_install maven; }
  java=$(java_21) || { say "installing openjdk-21 (Debian)"; apt_install openjdk-21-jdk-headless && java=$(java_21); } ||
    die "the Strimzi CRD generator needs Java 21 or newer"
  cat >"$dir/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.sisl</groupId><artifactId>strimzi-crds</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>io.strimzi</groupId><artifactId>api</artifactId><version>$STRIMZI_VERSION</version></dependency>
    <dependency><groupId>io.strimzi</groupId><artifactId>crd-generator</artifactId><version>$STRIMZI_VERSION</version></dependency>
  </dependencies>
</project>
EOF
  (cd "$dir" && mvn -q -B -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile=cp.txt >/dev/null)
  # The same arguments as Strimzi's own build (api/pom.xml, generate-crds).
  "$java" -cp "$(cat "$dir/cp.txt")" io.strimzi.crdgenerator.CrdGenerator \
    --label app:strimzi --label strimzi.io/crd-install:true --target-kube 1.16+ \
    --crd-api-version v1 --api-versions v1 --storage-version v1 --yaml \
    "io.strimzi.api.kafka.model.kafka.Kafka=$1/040-Crd-kafka.yaml" \
    "io.strimzi.api.kafka.model.topic.KafkaTopic=$1/043-Crd-kafkatopic.yaml" \
    "io.strimzi.api.kafka.model.user.KafkaUser=$1/044-Crd-kafkauser.yaml" \
    "io.strimzi.api.kafka.model.nodepool.KafkaNodePool=$1/045-Crd-kafkanodepool.yaml" >/dev/null
}

SCHEMAS="$CACHE/schemas"
if [[ "$(cat "$SCHEMAS/.stamp" 2>/dev/null)" != "$SCHEMA_STAMP" ]]; then
  say "building the schemas (first run: a few minutes)"
  rm -rf "$SCHEMAS" "$CACHE/crd-src"
  mkdir -p "$SCHEMAS" "$CACHE/dl" "$CACHE/crd-src/strimzi"
  wheel="$CACHE/dl/kubernetes_validate-$KUBERNETES_VALIDATE_VERSION-py3-none-any.whl"
  if [[ ! -s $wheel ]]; then
    "$PY" -m pip --version >/dev/null 2>&1 || { say "installing python3-pip (Debian)"; apt_install python3-pip; }
    "$PY" -m pip download -q --no-deps --only-binary=:all: -d "$CACHE/dl" "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
  fi
  "$PY" - "$wheel" "$CACHE/dl/k8s" "v$K8S_VERSION-local-strict" <<'EOF'
import sys, zipfile
wheel, dest, folder = sys.argv[1:]
with zipfile.ZipFile(wheel) as z:
    names = [n for n in z.namelist() if f"/kubernetes-json-schema/{folder}/" in n]
    if not names:
        sys.exit(f"{folder} is not in {wheel}")
    z.extractall(dest, names)
EOF
  "$PY" "$REPO/scripts/k8s-schemas.py" builtin \
    "$CACHE/dl/k8s/kubernetes_validate/kubernetes-json-schema/v$K8S_VERSION-local-strict" "$SCHEMAS"
  strimzi_crds "$CACHE/crd-src/strimzi"
  cnpg=$(go_module_dir "github.com/cloudnative-pg/cloudnative-pg@$CNPG_VERSION")
  barman=$(go_module_dir "github.com/cloudnative-pg/plugin-barman-cloud@$BARMAN_CLOUD_VERSION")
  pop=$(go_module_dir "github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR_VERSION")
  "$PY" "$REPO/scripts/k8s-schemas.py" crd "$SCHEMAS/crds" "$CACHE"/crd-src/strimzi/*.yaml \
    "$cnpg"/config/crd/bases/postgresql.cnpg.io_*.yaml "$barman"/config/crd/bases/barmancloud.cnpg.io_*.yaml \
    "$pop"/example/prometheus-operator-crd/monitoring.coreos.com_{podmonitors,prometheusrules,servicemonitors}.yaml
  echo "$SCHEMA_STAMP" >"$SCHEMAS/.stamp"
fi

# --- promtool (optional: "checked by promtool when available") ----------------------------------
PROMTOOL=
if [[ -x $BIN/promtool ]]; then
  PROMTOOL="$BIN/promtool"
elif command -v promtool >/dev/null; then
  PROMTOOL=$(command -v promtool)
else
  # Debian's prometheus package, unpacked only for its promtool (installing it would start a
  # Prometheus server).
  if command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null; then
    say "fetching promtool from Debian's prometheus package"
    rm -rf "$CACHE/deb" && mkdir -p "$CACHE/deb"
    if (cd "$CACHE/deb" && { apt-get download prometheus >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null 2>&1; apt-get download prometheus >/dev/null 2>&1; }; }) &&
      dpkg-deb -x "$CACHE"/deb/prometheus_*.deb "$CACHE/deb/root" &&
      [[ -x $CACHE/deb/root/usr/bin/promtool ]]; then
      cp "$CACHE/deb/root/usr/bin/promtool" "$BIN/promtool"
      PROMTOOL="$BIN/promtool"
    fi
  fi
  if [[ -z $PROMTOOL ]]; then
    say "building promtool $PROMTOOL_GO_VERSION (go install, up to 8 minutes)"
    if GOBIN="$BIN" timeout 480 go install "github.com/prometheus/prometheus/cmd/promtool@$PROMTOOL_GO_VERSION" >/dev/null 2>&1; then
      PROMTOOL="$BIN/promtool"
    fi
  fi
fi

# --- The checks ---------------------------------------------------------------------------------
passed=0 failed=0
result() {  # status what
  if [[ $1 == 0 ]]; then passed=$((passed + 1)); say "PASS $2"; else failed=$((failed + 1)); say "FAIL $2"; fi
}

kubeconform_strict() {  # report files...: strict validation against the local schemas only
  local report=$1 rc
  shift
  "$BIN/kubeconform" -strict -summary -output text -kubernetes-version "$K8S_VERSION" \
    -schema-location "$SCHEMAS/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json" \
    -schema-location "$SCHEMAS/crds/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json" \
    "$@" >"$report" 2>&1
  rc=$?
  sed 's/^/  /' "$report"
  # A resource without a schema is an error for kubeconform too; insist on none skipped.
  grep -q 'Invalid: 0, Errors: 0, Skipped: 0' "$report" || rc=1
  return $rc
}

OUT="$CACHE/rendered"
mkdir -p "$OUT"
set +e
"$PY" "$REPO/k8s/generate.py" --check
result $? "k8s/generate.py --check: the generated files match their table"

rendered=()
for overlay in "$REPO"/k8s/overlays/*/; do
  name=$(basename "$overlay")
  "${KUSTOMIZE[@]}" "$overlay" >"$OUT/$name.yaml"
  rc=$?
  result $rc "kustomize renders k8s/overlays/$name ($(grep -c '^kind:' "$OUT/$name.yaml") objects)"
  [[ $rc == 0 ]] || continue
  rendered+=("$name=$OUT/$name.yaml")
  kubeconform_strict "$OUT/$name.kubeconform" "$OUT/$name.yaml"
  result $? "kubeconform -strict: k8s/overlays/$name"
done

# The restore drill's manifests (k8s/drills): not an overlay, validated all the same.
kubeconform_strict "$OUT/drills.kubeconform" "$REPO"/k8s/drills/*.yaml
result $? "kubeconform -strict: k8s/drills"

if ((${#rendered[@]})); then
  "$PY" "$REPO/tests/deploy/k8s_policy_test.py" --repo "$REPO" "${rendered[@]}" | sed 's/^/  /'
  result "${PIPESTATUS[0]}" "policy test (tests/deploy/k8s_policy_test.py)"
fi

RULES="$CACHE/rules"
rm -rf "$RULES" && mkdir -p "$RULES"
"$PY" - "$REPO/k8s/monitoring/alerts.yaml" "$RULES/sisl-alerts.rules.yaml" <<'EOF'
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
assert doc["kind"] == "PrometheusRule"
yaml.safe_dump({"groups": doc["spec"]["groups"]}, open(sys.argv[2], "w"), sort_keys=False)
EOF
cp "$REPO"/k8s/monitoring/tests/*.yaml "$RULES/"
"$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["panels"] and d["uid"]' \
  "$REPO/k8s/monitoring/sisl-overview.json"
result $? "the Grafana dashboard is JSON with panels"
if [[ -n $PROMTOOL ]]; then
  say "promtool: $("$PROMTOOL" --version 2>&1 | head -1)"
  "$PROMTOOL" check rules "$RULES/sisl-alerts.rules.yaml" 2>&1 | sed 's/^/  /'
  result "${PIPESTATUS[0]}" "promtool check rules k8s/monitoring/alerts.yaml"
  (cd "$RULES" && "$PROMTOOL" test rules alerts_test.yaml) 2>&1 | sed 's/^/  /'
  result "${PIPESTATUS[0]}" "promtool test rules k8s/monitoring/tests/alerts_test.yaml"
else
  say "SKIP promtool: neither Debian's prometheus package nor go install gave one"
fi
set -e

say "$passed passed, $failed failed"
((failed == 0))
