#!/usr/bin/env bash
# ./run.sh          build the jar if missing or stale, then run the server in the foreground
# ./run.sh test     the whole test suite (what CI runs)
# ./run.sh bench    the load benchmark (see README, "Performance")
# ./run.sh build    only build what ./run.sh runs: the jar and its class-data-sharing archive
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

# Only the jar: neither the tests' compilation nor the format check (./run.sh test and CI do both); on a
# fresh clone that takes the build from about 15 s to 8 s of CPU. -DskipTests also skips the check that
# the tests' Node modules are installed.
build_jar() {
  echo "Building $JAR ..." >&2
  mvn -q -B -DskipTests -Dmaven.test.skip=true -Dspotless.check.skip=true package >&2
  BUILT=1
}
BUILT=

# One training start on a throw-away data folder and a random port, stopped once it has listened
# and answered /health (so the classes of a request are archived too); the JVM writes the archive
# as it exits. Without the archive the server starts anyway, slower.
build_cds() {
  local dir pid port
  dir=$(mktemp -d)
  rm -f "$CDS"
  PARLEY_DATA_DIR="$dir" PARLEY_PORT=0 java -XX:ArchiveClassesAtExit="$CDS" $JAVA_OPTS -jar "$JAR" >"$dir/log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    grep -q "Parley listens" "$dir/log" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  port=$(sed -n 's/.*Parley listens on http:\/\/localhost:\([0-9]*\).*/\1/p' "$dir/log")
  if [ -n "$port" ]; then
    for _ in 1 2 3; do
      (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3 && cat <&3 >/dev/null) 2>/dev/null || true
    done
  fi
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

build_all() {
  if jar_is_stale; then build_jar; fi
  # an archive from another build of the jar would be refused by the JVM: make it again
  if [ ! -f "$CDS" ] || [ "$JAR" -nt "$CDS" ]; then build_cds; fi
}

cds_is_current() {
  [ -f "$CDS" ] && [ ! "$JAR" -nt "$CDS" ]
}

case "${1:-run}" in
  run)
    if jar_is_stale; then build_jar; fi
    # the training start costs about 2.5 s and saves about 0.5 s per start: right after a build (a fresh
    # clone, the start people time) this start goes without, and the next one makes the archive
    if [ -z "$BUILT" ] && ! cds_is_current; then build_cds; fi
    if cds_is_current; then
      exec java -XX:SharedArchiveFile="$CDS" -Xshare:auto $JAVA_OPTS -jar "$JAR"
    fi
    exec java $JAVA_OPTS -jar "$JAR"
    ;;
  test)
    node_deps
    exec mvn -B test
    ;;
  build)
    build_all
    ;;
  bench)
    shift
    exec bash src/bench/bench.sh "$@"
    ;;
  *)
    echo "usage: ./run.sh [test|bench|build]" >&2
    exit 2
    ;;
esac
