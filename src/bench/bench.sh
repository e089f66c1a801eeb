#!/usr/bin/env bash
# ./run.sh bench [--quick] [--idle N] [--chat-idle N] [--visitors V] [--rate R] [--reply-every K]
#                [--duration S] [--tabs T] [--fanout-messages M] [--big-db N] [--conversations N]
#                [--history-calls N] [--busy-rate R] [--busy-idle N] [--busy-duration S]
#                [--throughput-senders N] [--throughput-seconds S]
#                [--pg-rates R1,R2] [--pg-duration S] [--only cross-nodes|throughput]
# Starts a fresh Parley and a bare-Jetty ceiling on the same JVM flags, drives both from the load
# generator in src/bench/java, and prints one Markdown table (see README, "Performance"). Then,
# when PostgreSQL's binaries are there (/usr/lib/postgresql/*/bin), a throw-away cluster with
# default settings (fsync on) and two Parley nodes on it: a second table, two nodes beside one H2.
set -euo pipefail
cd "$(dirname "$0")/../.."

# what ./run.sh uses: its default flags and the class-data-sharing archive it builds next to the jar
SERVER_FLAGS="${PARLEY_BENCH_JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseSerialGC} -XX:SharedArchiveFile=target/parley.jsa -Xshare:auto"
GENERATOR_FLAGS="-Xms1g -Xmx3g -XX:+UseParallelGC"
JAR=target/parley.jar
CLASSES=target/bench-classes

args=()
for arg in "$@"; do
  case "$arg" in
    --quick) args=(--idle 2000 --chat-idle 1000 --visitors 20 --rate 200 --duration 5 --tabs 100
                   --fanout-messages 10 --big-db 100000 --conversations 10000 --history-calls 50
                   --pg-rates 200,500 --pg-duration 3 --busy-rate 1000 --busy-idle 2000 --busy-duration 5
                   --throughput-seconds 5 "${args[@]}") ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) args+=("$arg") ;;
  esac
done

./run.sh build
if [ ! -d "$CLASSES" ] || [ -n "$(find src/bench/java "$JAR" -newer "$CLASSES" -type f -print -quit)" ]; then
  rm -rf "$CLASSES"
  javac -nowarn -d "$CLASSES" -cp "$JAR" $(find src/bench/java -name '*.java')
  touch "$CLASSES"
fi

WORK=$(mktemp -d -t parley-bench.XXXXXX)
PIDS=()
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
AS_PG=() # PostgreSQL refuses to run as root: then its binaries run as the postgres user
if [ "$(id -u)" = 0 ]; then AS_PG=(runuser -u postgres --); fi
PG_STARTED=""
cleanup() {
  if [ -n "$PG_STARTED" ]; then
    "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  for pid in "${PIDS[@]}"; do
    for child in $(pgrep -P "$pid" 2>/dev/null); do kill "$child" 2>/dev/null || true; done
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

wait_healthy() { # url pid log
  for _ in $(seq 1 600); do
    curl -fs "$1/health" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { echo "server exited; log:" >&2; tail -20 "$3" >&2; exit 1; }
    sleep 0.1
  done
  echo "no /health from $1" >&2; tail -20 "$3" >&2; exit 1
}

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
     "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, ulimit -n $(ulimit -n)" \
     "(hard $(ulimit -Hn)), $(uname -sr)"
echo "== java: $(java -version 2>&1 | head -1)"
echo "== server JVM flags: $SERVER_FLAGS   (generator: $GENERATOR_FLAGS); abuse limits lifted (PARLEY_*_PER_*)"
echo "== load average before: $(cut -d" " -f1-3 /proc/loadavg) (the machine is shared; figures are only as quiet as it was)"
echo "== generator args: ${args[*]:-(defaults)}"

# One address opens thousands of sockets and posts thousands of messages a second: lift the abuse
# limits (README "Security") so that only the machine limits what is measured. Inherited by the
# servers the generator starts for cold start and history.
export PARLEY_MESSAGES_PER_SECOND=1000000 PARLEY_MESSAGE_BURST=1000000 PARLEY_NEW_CONVERSATIONS_PER_MINUTE=100000000 \
  PARLEY_SOCKETS_PER_VISITOR=1000000 PARLEY_SOCKETS_PER_IP=1000000 PARLEY_SOCKETS_TOTAL=1000000
TOKEN="bench-$RANDOM$RANDOM"
PARLEY_PORT_NUM=$(free_port)
mkdir -p "$WORK/parley"
PARLEY_DATA_DIR="$WORK/parley" PARLEY_PORT=$PARLEY_PORT_NUM PARLEY_API_TOKEN=$TOKEN \
  java $SERVER_FLAGS -jar "$JAR" >"$WORK/parley.log" 2>&1 &
PARLEY_PID=$!; PIDS+=("$PARLEY_PID")
ECHO_PORT_NUM=$(free_port)
PARLEY_PORT=$ECHO_PORT_NUM java $SERVER_FLAGS -cp "$JAR:$CLASSES" io.parley.bench.EchoServer >"$WORK/echo.log" 2>&1 &
ECHO_PID=$!; PIDS+=("$ECHO_PID")
wait_healthy "http://127.0.0.1:$PARLEY_PORT_NUM" "$PARLEY_PID" "$WORK/parley.log"
wait_healthy "http://127.0.0.1:$ECHO_PORT_NUM" "$ECHO_PID" "$WORK/echo.log"

# Scenario 6: a throw-away PostgreSQL cluster with its default settings (fsync on), two nodes on it
# sharing the API token and JWT secret as any deployment of several nodes must
pg_args=()
if [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ]; then
  mkdir -p "$WORK/pg"
  if [ "$(id -u)" = 0 ]; then chmod 755 "$WORK"; chown postgres "$WORK/pg"; fi
  PG_PORT=$(free_port)
  "${AS_PG[@]}" "$PG_BIN/initdb" -D "$WORK/pg/data" -U parley --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    >"$WORK/pg/initdb.log" 2>&1
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1" start >/dev/null
  PG_STARTED=1
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U parley parley
  JWT="bench-jwt-$RANDOM$RANDOM$RANDOM$RANDOM"
  for node in a b; do
    port=$(free_port)
    mkdir -p "$WORK/node-$node"
    PARLEY_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/parley?user=parley" PARLEY_JWT_SECRET=$JWT \
      PARLEY_DATA_DIR="$WORK/node-$node" PARLEY_PORT=$port PARLEY_API_TOKEN=$TOKEN \
      java $SERVER_FLAGS -jar "$JAR" >"$WORK/node-$node.log" 2>&1 &
    pid=$!; PIDS+=("$pid")
    wait_healthy "http://127.0.0.1:$port" "$pid" "$WORK/node-$node.log" # A migrates before B starts
    pg_args+=(--node-$node-url "http://127.0.0.1:$port")
  done
else
  pg_args=(--no-pg "PostgreSQL binaries not found in /usr/lib/postgresql/*/bin")
fi

java $GENERATOR_FLAGS -cp "$JAR:$CLASSES" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn io.parley.bench.Bench \
  --parley-url "http://127.0.0.1:$PARLEY_PORT_NUM" --parley-pid "$PARLEY_PID" --api-token "$TOKEN" \
  --echo-url "http://127.0.0.1:$ECHO_PORT_NUM" --echo-pid "$ECHO_PID" \
  --jar "$JAR" --server-flags "$SERVER_FLAGS" --work-dir "$WORK" "${pg_args[@]}" "${args[@]}" &
GEN_PID=$!; PIDS=("$GEN_PID" "${PIDS[@]}")
status=0
wait "$GEN_PID" || status=$?
if [ "$status" -ne 0 ]; then
  echo "generator failed ($status); last lines of the Parley log:" >&2
  tail -20 "$WORK/parley.log" >&2
fi
echo "== load average after: $(cut -d" " -f1-3 /proc/loadavg)"
exit "$status"
