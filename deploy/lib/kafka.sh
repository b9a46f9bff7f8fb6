# shellcheck shell=bash
# Apache Kafka 3.9.1 in KRaft mode, combined broker+controller, 1 or 3 nodes. Sourced by infra.sh.
# Node i (0..2): broker 59092+100i, controller 59093+100i, node.id i+1, and a SASL_SSL listener on
# 59094+100i (certificates of tls.sh, SCRAM-SHA-512 user sisl with password TLS_PASSWORD).
# Layout: $RUN/kafka-libs/*.jar (Maven), $RUN/kafka/<n>n/node<i>/{server.properties,server.log,server.out,data},
#         $RUN/kafka/node<i>.pid, $RUN/kafka/nodes (topology of the last start).

KAFKA_DIR="$RUN/kafka"
KAFKA_LIBS="$RUN/kafka-libs"
KAFKA_POM="$DEPLOY/kafka/pom.xml"
KAFKA_TIMEOUT=90
KAFKA_JVM_OPTS=${SISL_KAFKA_JVM_OPTS:--Xms256m -Xmx512m}

kafka_bport() { echo $((59092 + 100 * $1)); }
kafka_cport() { echo $((59093 + 100 * $1)); }
kafka_sport() { echo $((59094 + 100 * $1)); }
kafka_node_dir() { echo "$KAFKA_DIR/${1}n/node$2"; }   # N I
kafka_brokers() {                                      # N -> 127.0.0.1:59092,...
  local i out=()
  for ((i = 0; i < $1; i++)); do out+=("127.0.0.1:$(kafka_bport "$i")"); done
  (IFS=,; echo "${out[*]}")
}
kafka_sasl_brokers() {                                 # N -> 127.0.0.1:59094,...
  local i out=()
  for ((i = 0; i < $1; i++)); do out+=("127.0.0.1:$(kafka_sport "$i")"); done
  (IFS=,; echo "${out[*]}")
}
kafka_pids() {
  local i
  for i in 0 1 2; do pid_of "$KAFKA_DIR/node$i.pid" kafka.Kafka || true; done
}
kafka_recorded() { cat "$KAFKA_DIR/nodes" 2>/dev/null || echo 1; }
# Topology to use: --kafka-nodes if given, else the running one, else 1.
kafka_nodes() {
  if [[ -n $NODES ]]; then echo "$NODES"
  elif [[ -n $(kafka_pids) ]]; then kafka_recorded
  else echo 1; fi
}

# Resolve the broker jars with Maven once (again only if pom.xml changes).
kafka_libs() {
  local sum t0=$EPOCHREALTIME tmp="$KAFKA_LIBS.tmp"
  sum=$(sha256sum "$KAFKA_POM" | cut -d' ' -f1)
  [[ $(cat "$KAFKA_LIBS/.pom-sha256" 2>/dev/null) == "$sum" ]] && return 0
  need mvn maven
  say "kafka: resolving jars with Maven into $KAFKA_LIBS"
  mkdir -p "$KAFKA_DIR"
  rm -rf "$tmp"
  mvn -B -q -f "$KAFKA_POM" dependency:copy-dependencies -DoutputDirectory="$tmp" \
    >"$KAFKA_DIR/maven.log" 2>&1 || fail_log kafka "$KAFKA_DIR/maven.log" "jar resolution failed"
  echo "$sum" >"$tmp/.pom-sha256"
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  say "kafka: $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars resolved ($(since "$t0") s)"
}

kafka_write_config() {   # N: server.properties per node, log4j config shared
  local n=$1 i d voters=() rf=$1 isr=$(($1 > 1 ? 2 : 1)) csd=true session=9000 beat=2000
  # 3 nodes stop together: a controlled shutdown would wait (up to 5 min) for a quorum that is leaving;
  # without it the controller keeps an old registration until its session times out: a short session
  if ((n > 1)); then csd=false session=3000 beat=500; fi
  for ((i = 0; i < n; i++)); do voters+=("$((i + 1))@127.0.0.1:$(kafka_cport "$i")"); done
  cat >"$KAFKA_DIR/log4j.properties" <<'EOF'
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=${kafka.logs.dir}/server.log
log4j.appender.file.MaxFileSize=20MB
log4j.appender.file.MaxBackupIndex=2
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.log.LogCleaner=WARN
EOF
  for ((i = 0; i < n; i++)); do
    d=$(kafka_node_dir "$n" "$i")
    mkdir -p "$d/data"
    cat >"$d/server.properties" <<EOF
# written by deploy/infra.sh: a throw-away test cluster, $n node(s)
process.roles=broker,controller
node.id=$((i + 1))
controller.quorum.voters=$(IFS=,; echo "${voters[*]}")
listeners=PLAINTEXT://127.0.0.1:$(kafka_bport "$i"),CONTROLLER://127.0.0.1:$(kafka_cport "$i"),SASL_SSL://127.0.0.1:$(kafka_sport "$i")
advertised.listeners=PLAINTEXT://127.0.0.1:$(kafka_bport "$i"),SASL_SSL://127.0.0.1:$(kafka_sport "$i")
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL
sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
ssl.keystore.type=PKCS12
ssl.keystore.location=$TLS_DIR/server.p12
ssl.keystore.password=$TLS_PASSWORD
ssl.key.password=$TLS_PASSWORD
ssl.truststore.type=PEM
ssl.truststore.location=$TLS_DIR/ca.crt
ssl.enabled.protocols=TLSv1.3,TLSv1.2
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$d/data
num.partitions=3
default.replication.factor=$rf
min.insync.replicas=$isr
offsets.topic.replication.factor=$rf
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=$rf
transaction.state.log.min.isr=$isr
transaction.state.log.num.partitions=10
auto.create.topics.enable=true
group.initial.rebalance.delay.ms=0
controlled.shutdown.enable=$csd
broker.session.timeout.ms=$session
broker.heartbeat.interval.ms=$beat
num.network.threads=2
num.io.threads=4
log.retention.hours=24
log.segment.bytes=67108864
EOF
  done
}

# Format the node's storage, only when its data dir is new (no meta.properties yet).
kafka_format() {   # N I CLUSTER_ID
  local d; d=$(kafka_node_dir "$1" "$2")
  [[ -f $d/data/meta.properties ]] && return 0
  java -Dlog4j.configuration="file:$KAFKA_DIR/log4j.properties" -Dkafka.logs.dir="$d" \
    -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool format -c "$d/server.properties" -t "$3" \
    >>"$d/server.out" 2>&1
}

# AppCDS: node 0 dumps the classes it loaded when it exits cleanly; later starts map that archive
# and need about 30% less CPU (an unusable archive is ignored with a warning in server.log).
kafka_cds() {
  local jsa="$KAFKA_LIBS/kafka.jsa"
  if [[ -s $jsa ]]; then echo "-XX:SharedArchiveFile=$jsa"
  elif [[ $1 == 0 ]]; then echo "-XX:ArchiveClassesAtExit=$jsa"; fi
}

kafka_launch() {
  local n i d cid pids=() p
  n=$(kafka_nodes)
  mark_start kafka
  if [[ -n $(kafka_pids) && $(kafka_recorded) != "$n" ]]; then
    say "kafka: running with $(kafka_recorded) node(s), restarting with $n"
    kafka_stop
  elif [[ $(kafka_pids | wc -l) -ge $n ]]; then
    say "kafka already running ($n node(s))"
    return 0
  fi
  need java default-jre-headless
  need kcat kcat
  kafka_libs
  kafka_write_config "$n"
  # 16 random bytes, base64url without padding, like Kafka's Uuid.randomUuid(), which also never
  # starts one with '-': the storage tool would read it as an option (1 run in 64 failed so).
  cid="$KAFKA_DIR/${n}n/cluster.id"
  [[ $(head -c1 "$cid" 2>/dev/null) == - ]] && rm -f "$cid"
  while [[ ! -s $cid ]]; do
    head -c16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' >"$cid"
    [[ $(head -c1 "$cid") == - ]] && rm -f "$cid"
  done
  for ((i = 0; i < n; i++)); do
    pid_of "$KAFKA_DIR/node$i.pid" kafka.Kafka >/dev/null && continue
    kafka_format "$n" "$i" "$(<"$cid")" & pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || { say "kafka storage format failed" >&2; kafka_logs >&2; exit 1; }; done
  echo "$n" >"$KAFKA_DIR/nodes"
  for ((i = 0; i < n; i++)); do
    if pid_of "$KAFKA_DIR/node$i.pid" kafka.Kafka >/dev/null; then say "kafka node $i already running"; continue; fi
    port_free "$(kafka_bport "$i")"
    port_free "$(kafka_cport "$i")"
    port_free "$(kafka_sport "$i")"
    d=$(kafka_node_dir "$n" "$i")
    # shellcheck disable=SC2046,SC2086 # lists of flags
    (close_fds; exec setsid java $KAFKA_JVM_OPTS $(kafka_cds "$i") -XX:+ExitOnOutOfMemoryError \
      -Djava.awt.headless=true -Dlog4j.configuration="file:$KAFKA_DIR/log4j.properties" -Dkafka.logs.dir="$d" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$d/server.properties") </dev/null >>"$d/server.out" 2>&1 &
    echo $! >"$KAFKA_DIR/node$i.pid"
    await_exec $! kafka.Kafka
  done
}

kafka_alive() { [[ $(kafka_pids | wc -l) -ge $(kafka_recorded) ]]; }

# Ready when every broker answers metadata and lists all n brokers (i.e. all are registered, unfenced).
kafka_probe() {
  local n i
  n=$(kafka_recorded)
  for ((i = 0; i < n; i++)); do
    port_open "$(kafka_bport "$i")" || return 1   # cheap; kcat waits its whole -m timeout on refusal
    timeout 5 kcat -b "127.0.0.1:$(kafka_bport "$i")" -L -m 2 2>/dev/null | grep -q "^ *$n brokers:" || return 1
  done
}

kafka_wait() {
  local n; n=$(kafka_recorded)
  wait_ready kafka "$(kafka_brokers "$n")" $((KAFKA_TIMEOUT * (n > 1 ? 2 : 1))) kafka_probe
  kafka_scram_user "$n"
}

# The SCRAM credential of user sisl lives in the cluster metadata: (re)written through the plain
# listener when the cluster or the password is new (a marker in node 0's data dir remembers it).
kafka_scram_user() {
  local marker sum t0=$EPOCHREALTIME
  marker="$(kafka_node_dir "$1" 0)/data/.sisl-scram"
  sum=$(printf %s "$TLS_PASSWORD" | sha256sum | cut -d' ' -f1)
  [[ $(cat "$marker" 2>/dev/null) == "$sum" ]] && return 0
  java -Dlog4j.configuration="file:$KAFKA_DIR/log4j.properties" -Dkafka.logs.dir="$KAFKA_DIR" \
    -cp "$KAFKA_LIBS/*" kafka.admin.ConfigCommand --bootstrap-server "$(kafka_brokers "$1")" \
    --alter --entity-type users --entity-name sisl \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$TLS_PASSWORD]" \
    >"$KAFKA_DIR/scram.log" 2>&1 || fail_log kafka "$KAFKA_DIR/scram.log" "could not create the SCRAM user"
  echo "$sum" >"$marker"
  say "kafka: SCRAM user sisl for the SASL_SSL listener ($(since "$t0") s)"
}

kafka_logs() {
  local n i d
  n=$(kafka_recorded)
  for ((i = 0; i < n; i++)); do
    d=$(kafka_node_dir "$n" "$i")
    tail_log "$d/server.out"   # JVM output, before log4j starts
    tail_log "$d/server.log"
  done
}

kafka_stop() {
  local t0=$EPOCHREALTIME pids
  mapfile -t pids < <(kafka_pids)
  if ((${#pids[@]} == 0)); then say "kafka not running"; return 0; fi
  stop_pids 30 "${pids[@]}"
  rm -f "$KAFKA_DIR"/node?.pid
  say "kafka stopped ($(since "$t0") s)"
}

kafka_status() {
  local n pids
  n=$(kafka_recorded)
  pids=$(kafka_pids | xargs)
  if [[ -n $pids ]] && kafka_probe; then
    say "kafka    up    $(kafka_brokers "$n") ($n node(s), pid $pids)"
  else
    say "kafka    down${pids:+ (pid $pids running but not answering)}"
    return 1
  fi
}
