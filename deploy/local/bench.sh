#!/usr/bin/env bash
# Throughput of the mission dashboard and whoDecides through HAProxy with 1, 2 and 3 replicas on
# one PostgreSQL database holding the synthetic dataset. The same conventions, queries and wrk
# script as bench/load.sh (docs/BENCHMARKS.md); the replicas and the balancer are started by
# deploy/local/up.sh and stopped by deploy/local/down.sh. Every address is on the loopback
# interface; every run is bounded in time (DURATION) and in count (MAX_REQUESTS).
#
#   deploy/local/bench.sh                                  # N=200, 1 2 3 replicas, cache on and off
#   N=5 DURATION=3 WARMUP=1 BIN=target/debug/coordmap SEED_BIN=target/debug/coordmap-bench \
#     SKIP_BUILD=1 deploy/local/bench.sh                   # a quick check of the script
set -euo pipefail

REPLICA_COUNTS=${REPLICA_COUNTS:-"1 2 3"}
LB_PORT=${LB_PORT:-18280}
STATS_PORT=${STATS_PORT:-18281}
BASE_PORT=${BASE_PORT:-18282}

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=bench/common.sh
. "$ROOT/bench/common.sh"
RESULTS=$WORK/balancer-results.md
DB_NAME=coordmap_bench_lb_n$N

for count in $REPLICA_COUNTS; do
  [[ $count =~ ^[1-9][0-9]*$ ]] || die "REPLICA_COUNTS holds \`$count\`, not a number of replicas"
done
for tool in wrk jq curl psql haproxy; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (apt-get install wrk jq curl postgresql-client haproxy)"
done

build_release
TOKEN=$(COORDMAP_JWT_SECRET=$SECRET "$BIN" token issue-jwt --sub bench --role ADMIN)

# --- the deployment --------------------------------------------------------------------------
STATE=
down() {
  [ -n "$STATE" ] || return 0
  STATE_DIR=$STATE STOP_TIMEOUT=10 "$ROOT/deploy/local/down.sh" 2>/dev/null || true
  STATE=
}
trap down EXIT

# up REPLICAS CACHE_MODE: the replicas and HAProxy on the benchmark's database.
up() {
  local replicas=$1 mode=$2
  STATE=$WORK/balancer-$replicas-cache-$mode
  rm -rf "$STATE"
  local -a cache=(-u COORDMAP_RESPONSE_CACHE_MB)
  [ "$mode" = off ] && cache=(COORDMAP_RESPONSE_CACHE_MB=0)
  env "${cache[@]}" \
    REPLICAS="$replicas" BIN="$BIN" STATE_DIR="$STATE" DATABASE_URL="$URL" \
    LB_PORT="$LB_PORT" STATS_PORT="$STATS_PORT" BASE_PORT="$BASE_PORT" \
    COORDMAP_JWT_SECRET="$SECRET" COORDMAP_RATE_LIMIT_PER_MINUTE=0 \
    COORDMAP_DB_MAX_CONNECTIONS="${DB_MAX_CONNECTIONS:-10}" RUST_LOG="${SERVER_LOG:-warn}" \
    "$ROOT/deploy/local/up.sh" >/dev/null 2>"$WORK/up.log" \
    || { cat "$WORK/up.log" >&2; die "the deployment did not start"; }
}

graphql() {
  jq -n --rawfile q "$1" --argjson v "$2" '{query: $q, variables: $v}' \
    | curl -fsS -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
      --data-binary @- "http://$HOST:$LB_PORT/graphql"
}

# Requests each replica has answered so far (HAProxy's statistics, CSV: column 2 is the server's
# name, column 8 its total sessions), as `replica1=N replica2=M`.
answered() {
  curl -fsS "http://$HOST:$STATS_PORT/;csv" \
    | awk -F, '$1 == "replicas" && $2 ~ /^replica/ {printf "%s%s=%s", sep, $2, $8; sep=" "}'
}

# run NAME QUERY_FILE VARIABLES_JSON
run() {
  local name=$1 query=$2 vars=$3 body=$WORK/balancer-body-$1.json
  jq -n --rawfile q "$query" --argjson v "$vars" '{query: $q, variables: $v}' >"$body"
  local sample problem=
  if ! sample=$(curl -sS --max-time 60 -w '\n%{http_code}' -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $TOKEN" --data-binary @"$body" "http://$HOST:$LB_PORT/graphql"); then
    problem="no answer"
  elif [ "${sample##*$'\n'}" != 200 ]; then
    problem="HTTP ${sample##*$'\n'}"
  elif jq -e '.errors' >/dev/null <<<"${sample%$'\n'*}"; then
    problem="errors: $(jq -c '.errors[0]' <<<"${sample%$'\n'*}")"
  fi
  if [ -n "$problem" ]; then
    # Recorded, and the other operations still run.
    say "$REPLICAS replica(s), cache $CACHE, $name: $problem (logs in $STATE)"
    printf '| %s | %s | %s | %s | | | | |\n' "$REPLICAS" "cache $CACHE" "$name" "$problem" >>"$RESULTS"
    return
  fi
  export BENCH_BODY=$body BENCH_TOKEN=$TOKEN BENCH_MAX_REQUESTS_PER_THREAD=$((MAX_REQUESTS / THREADS))
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$ROOT/bench/post.lua" \
    "http://$HOST:$LB_PORT/graphql" >/dev/null
  local before after out
  before=$(answered)
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$ROOT/bench/post.lua" \
    "http://$HOST:$LB_PORT/graphql")
  after=$(answered)
  local requests duration p50 p99 failed rps spread
  requests=$(awk '/^requests /{print $2}' <<<"$out")
  duration=$(awk '/^duration_us /{print $2}' <<<"$out")
  p50=$(awk '/^p50_us /{printf "%.1f", $2/1000}' <<<"$out")
  p99=$(awk '/^p99_us /{printf "%.1f", $2/1000}' <<<"$out")
  failed=$(awk '/^failed_answers /{print $2}' <<<"$out")
  rps=$(awk -v r="$requests" -v d="$duration" 'BEGIN{printf "%.0f", r/(d/1e6)}')
  # What each replica answered during the measurement.
  spread=$(awk -v b="$before" -v a="$after" 'BEGIN{
    n = split(b, bs, " "); for (i = 1; i <= n; i++) { split(bs[i], kv, "="); start[kv[1]] = kv[2] }
    n = split(a, as, " "); for (i = 1; i <= n; i++) { split(as[i], kv, "="); printf "%s%s %d", sep, kv[1], kv[2] - start[kv[1]]; sep = ", " } }')
  printf '| %s | %s | %s | %s | %s | %s | %s (%s failed) | %s |\n' "$REPLICAS" "cache $CACHE" \
    "$name" "$rps" "$p50" "$p99" "$requests" "$failed" "$spread" >>"$RESULTS"
  say "$(printf '%s replica(s)  cache %-3s  %-18s %7s req/s  p50 %7s ms  p99 %7s ms  %s requests, %s failed  [%s]' \
    "$REPLICAS" "$CACHE" "$name" "$rps" "$p50" "$p99" "$requests" "$failed" "$spread")"
}

# --- the dataset -----------------------------------------------------------------------------
psql -qAtX -v ON_ERROR_STOP=1 "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" >/dev/null
psql -qAtX -v ON_ERROR_STOP=1 "$PG_ADMIN_URL" -c "CREATE DATABASE \"$DB_NAME\"" >/dev/null
URL="${PG_ADMIN_URL%/*}/$DB_NAME"
say "seeding PostgreSQL with N=$N (seed $SEED)"
"$SEED_BIN" --database-url "$URL" seed --missions "$N" --seed "$SEED" \
  >"$WORK/balancer-seed.out" 2>"$WORK/balancer-seed.err" \
  || { tail -n 20 "$WORK/balancer-seed.err" >&2; die "seeding failed"; }

{
  printf 'Through HAProxy (deploy/local/up.sh), PostgreSQL, N=%s seed=%s, %s connections, %s s per operation after %s s of warm-up\n\n' \
    "$N" "$SEED" "$CONNECTIONS" "$DURATION" "$WARMUP"
  printf 'date %s, commit %s, binary %s, %s cores, load average at start %s\n\n' \
    "$(date -u +%FT%TZ)" "$(git -C "$ROOT" rev-parse --short HEAD)" "$BIN" "$(nproc)" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf '| replicas | cache | operation | req/s | p50 ms | p99 ms | requests | answered by |\n|---|---|---|---|---|---|---|---|\n'
} >"$RESULTS"

mission=
for CACHE in $CACHE_MODES; do
  for REPLICAS in $REPLICA_COUNTS; do
    say "$REPLICAS replica(s), cache $CACHE: starting"
    up "$REPLICAS" "$CACHE"
    if [ -z "$mission" ]; then
      mission=$(graphql "$ROOT/bench/queries/dashboard.graphql" '{"acronym":"SYN0000"}' | jq -r '.data.mission.id // empty')
      [ -n "$mission" ] || die "no mission SYN0000 in the database"
    fi
    run "mission dashboard" "$ROOT/bench/queries/dashboard.graphql" '{"acronym":"SYN0000"}'
    run "whoDecides" "$ROOT/bench/queries/who_decides.graphql" "{\"mission\":\"$mission\"}"
    down
  done
done
psql -qAtX "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" >/dev/null || true

say ""
cat "$RESULTS"
