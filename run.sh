#!/usr/bin/env bash
# ./run.sh          build the jar if missing or stale, then run the server in the foreground
# ./run.sh test     the whole test suite (what CI runs)
# ./run.sh bench    the load benchmark (see README, "Performance")
set -euo pipefail
cd "$(dirname "$0")"

JAR=target/parley.jar
# a class-data-sharing archive of the classes a start loads: saves about a second per start
CDS=target/parley.jsa
JAVA_OPTS=${PARLEY_JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseSerialGC}

jar_is_stale() {
  [ ! -f "$JAR" ] && return 0
  [ -n "$(find pom.xml src/main db -newer "$JAR" -type f -print -quit)" ]
}

build_jar() {
  echo "Building $JAR ..." >&2
  mvn -q -B -DskipTests package >&2
  build_cds
}

# One training start on a throw-away data folder and a random port, stopped once it listens;
# the JVM writes the archive as it exits. Without the archive the server starts anyway, slower.
build_cds() {
  local dir pid
  dir=$(mktemp -d)
  PARLEY_DATA_DIR="$dir" PARLEY_PORT=0 java -XX:ArchiveClassesAtExit="$CDS" $JAVA_OPTS -jar "$JAR" >"$dir/log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    grep -q "Parley listens" "$dir/log" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
}

node_deps() {
  # the interop and browser tests drive the server from Node (@stomp/stompjs, playwright-core);
  # npm ci again whenever the lock file is newer than what was installed (npm's own copy of it)
  local dir=src/test/node
  if [ -f "$dir/package.json" ] && [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

case "${1:-run}" in
  run)
    jar_is_stale && build_jar
    [ -f "$CDS" ] || build_cds
    exec java -XX:SharedArchiveFile="$CDS" -Xshare:auto $JAVA_OPTS -jar "$JAR"
    ;;
  test)
    node_deps
    exec mvn -B test
    ;;
  bench)
    shift
    exec bash src/bench/bench.sh "$@"
    ;;
  *)
    echo "usage: ./run.sh [test|bench]" >&2
    exit 2
    ;;
esac
