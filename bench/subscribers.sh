#!/usr/bin/env bash
# Subscribers of the live change feed: SUBSCRIBERS connections to `mapChanged` on one server, or
# spread over two servers on one PostgreSQL database (REPLICAS=2, the writer writing through the
# first), while a writer creates WRITES_PER_SEC organisations a second for SECONDS. Prints the
# delay of each delivery from the write's request and from the change's commit (p50, p99, max),
# how many subscribers got every change, and each server's peak memory. Documented in
# docs/BENCHMARKS.md.
#
#   bench/subscribers.sh                              # 2,000 subscribers, 50 writes/s, one server
#   REPLICAS=2 bench/subscribers.sh                   # two servers on one database
#   SUBSCRIBERS=200 SECONDS_OF_WRITES=10 bench/subscribers.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/common.sh
. "$ROOT/bench/common.sh"

SUBSCRIBERS=${SUBSCRIBERS:-2000}
WRITES_PER_SEC=${WRITES_PER_SEC:-50}
SECONDS_OF_WRITES=${SECONDS_OF_WRITES:-20}
REPLICAS=${REPLICAS:-1}
BASE_PORT=${BASE_PORT:-18580}
DB_NAME=coordmap_bench_subscribers

command -v psql >/dev/null 2>&1 || die "psql is needed (postgresql-client)"
build_release
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

psql -qAtX -v ON_ERROR_STOP=1 "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" >/dev/null
psql -qAtX -v ON_ERROR_STOP=1 "$PG_ADMIN_URL" -c "CREATE DATABASE \"$DB_NAME\"" >/dev/null
DB_URL="${PG_ADMIN_URL%/*}/$DB_NAME"
TOKEN=$(COORDMAP_JWT_SECRET=$SECRET "$BIN" token issue-jwt --sub bench --role ADMIN)

PIDS=()
stop() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT

URLS=()
for n in $(seq 1 "$REPLICAS"); do
  port=$((BASE_PORT + n))
  COORDMAP_DATABASE_URL=$DB_URL COORDMAP_JWT_SECRET=$SECRET COORDMAP_BIND="$HOST:$port" \
    COORDMAP_RATE_LIMIT_PER_MINUTE=0 COORDMAP_SUBSCRIPTION_MAX_PER_CALLER=100000 \
    COORDMAP_DB_MAX_CONNECTIONS=${DB_MAX_CONNECTIONS:-20} RUST_LOG=warn \
    "$BIN" serve >"$WORK/subscribers-$n.log" 2>&1 &
  PIDS+=("$!")
  URLS+=("http://$HOST:$port")
  for _ in $(seq 1 100); do
    curl -fsS "http://$HOST:$port/readyz" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -fsS "http://$HOST:$port/readyz" >/dev/null || die "server $n did not start (see $WORK/subscribers-$n.log)"
done

subscribe_to=()
for url in "${URLS[@]}"; do subscribe_to+=(--subscribe-to "$url"); done
say "$SUBSCRIBERS subscribers on $REPLICAS server(s), $WRITES_PER_SEC writes/s for $SECONDS_OF_WRITES s"
"$SEED_BIN" subscribers "${subscribe_to[@]}" --write-to "${URLS[0]}" \
  --authorization "Bearer $TOKEN" --subscribers "$SUBSCRIBERS" \
  --writes-per-sec "$WRITES_PER_SEC" --seconds "$SECONDS_OF_WRITES"
for n in $(seq 1 "$REPLICAS"); do
  pid=${PIDS[$((n - 1))]}
  printf 'server %d peak memory: %s\n' "$n" "$(awk '/VmHWM/ {print $2, $3}' "/proc/$pid/status")"
done
