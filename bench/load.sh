#!/usr/bin/env bash
# HTTP load benchmark of coordmap on the synthetic dataset, on SQLite and PostgreSQL.
# Documented in docs/BENCHMARKS.md. Every address is on the loopback interface; every load run
# is bounded in time (DURATION) and in count (MAX_REQUESTS).
#
#   bench/load.sh                      # N=200 on both backends
#   N=20 DURATION=5 bench/load.sh      # a quick run
#   BACKENDS=postgres bench/load.sh    # one backend
set -euo pipefail

N=${N:-200}
SEED=${SEED:-1}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
DURATION=${DURATION:-15}          # seconds of measurement per operation
# SKIP_BUILD=1 uses target/release/coordmap as it is.
WARMUP=${WARMUP:-3}               # seconds of warm-up per operation
MAX_REQUESTS=${MAX_REQUESTS:-60000}
BACKENDS=${BACKENDS:-"sqlite postgres"}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
PORT=${PORT:-18181}
HOST=127.0.0.1

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-$ROOT/target/bench}
BIN=$ROOT/target/release/coordmap
SECRET="bench-secret-$(date +%s)-of-at-least-thirty-two-bytes"
mkdir -p "$WORK"
RESULTS=$WORK/results.md
: >"$RESULTS"

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# --- tools ---------------------------------------------------------------------------------
need() {
  local cmd=$1 pkg=$2
  command -v "$cmd" >/dev/null 2>&1 && return
  say "installing $pkg"
  if command -v apt-get >/dev/null 2>&1; then
    (apt-get install -y -qq "$pkg" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$pkg"; }) \
      || die "cannot install $pkg"
  else
    die "$cmd is missing and there is no apt-get to install $pkg"
  fi
}
need wrk wrk
need jq jq
need openssl openssl
need curl curl
need psql postgresql-client
[ -x /usr/bin/time ] || need /usr/bin/time time

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  say "building the release binary"
  (cd "$ROOT" && cargo build --release --quiet --bin coordmap)
fi

# --- an administrator's token --------------------------------------------------------------
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
if "$BIN" token issue-jwt --help >/dev/null 2>&1 \
  && TOKEN=$(COORDMAP_JWT_SECRET=$SECRET "$BIN" token issue-jwt --sub bench --role ADMIN 2>/dev/null); then
  :
else
  header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"sub":"bench","exp":%d,"roles":["ADMIN"]}' $(($(date +%s) + 86400)) | b64url)
  signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -hmac "$SECRET" -binary | b64url)
  TOKEN="$header.$payload.$signature"
fi

# --- helpers -------------------------------------------------------------------------------
SERVER_PID=
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}
trap stop_server EXIT

start_server() {
  local url=$1
  COORDMAP_DATABASE_URL=$url \
    COORDMAP_BIND=$HOST:$PORT \
    COORDMAP_JWT_SECRET=$SECRET \
    COORDMAP_RATE_LIMIT_PER_MINUTE=0 \
    COORDMAP_DB_MAX_CONNECTIONS=${DB_MAX_CONNECTIONS:-10} \
    RUST_LOG=${SERVER_LOG:-warn} \
    "$BIN" serve >"$WORK/server-$BACKEND.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    curl -fsS "http://$HOST:$PORT/readyz" >/dev/null 2>&1 && return
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server stopped; see $WORK/server-$BACKEND.log"
    sleep 0.2
  done
  die "the server did not become ready"
}

# graphql FILE VARIABLES_JSON -> response on stdout
graphql() {
  jq -n --rawfile q "$1" --argjson v "$2" '{query: $q, variables: $v}' \
    | curl -fsS -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
      --data-binary @- "http://$HOST:$PORT/graphql"
}

has_query_field() {
  graphql <(printf '{ __schema { queryType { fields { name } } } }') '{}' \
    | jq -e --arg f "$1" '.data.__schema.queryType.fields | map(.name) | index($f) != null' >/dev/null
}

# run NAME QUERY_FILE VARIABLES_JSON
run() {
  local name=$1 query=$2 vars=$3 body=$WORK/body-$1.json
  jq -n --rawfile q "$query" --argjson v "$vars" '{query: $q, variables: $v}' >"$body"
  local sample
  sample=$(curl -fsS -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
    --data-binary @"$body" "http://$HOST:$PORT/graphql")
  if jq -e '.errors' >/dev/null <<<"$sample"; then
    say "$name answers with errors: $(jq -c '.errors[0]' <<<"$sample")"
    printf '| %s | %s | error | | | | | |\n' "$BACKEND" "$name" >>"$RESULTS"
    return
  fi
  local bytes=${#sample}
  # Service time: the median of seven requests sent one at a time.
  local alone
  alone=$(for _ in 1 2 3 4 5 6 7; do
    curl -sS -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' \
      -H "Authorization: Bearer $TOKEN" --data-binary @"$body" "http://$HOST:$PORT/graphql"
  done | sort -n | sed -n 4p | awk '{printf "%.1f", $1 * 1000}')
  local per_thread=$((MAX_REQUESTS / THREADS))
  export BENCH_BODY=$body BENCH_TOKEN=$TOKEN BENCH_MAX_REQUESTS_PER_THREAD=$per_thread
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$ROOT/bench/post.lua" \
    "http://$HOST:$PORT/graphql" >/dev/null
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$ROOT/bench/post.lua" \
    "http://$HOST:$PORT/graphql")
  local requests duration p50 p99 failed
  requests=$(awk '/^requests /{print $2}' <<<"$out")
  duration=$(awk '/^duration_us /{print $2}' <<<"$out")
  p50=$(awk '/^p50_us /{printf "%.1f", $2/1000}' <<<"$out")
  p99=$(awk '/^p99_us /{printf "%.1f", $2/1000}' <<<"$out")
  failed=$(awk '/^failed_answers /{print $2}' <<<"$out")
  local rps
  rps=$(awk -v r="$requests" -v d="$duration" 'BEGIN{printf "%.0f", r/(d/1e6)}')
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' \
    "$BACKEND" "$name" "$rps" "$p50" "$p99" "$alone" "$requests ($failed failed)" "$bytes" >>"$RESULTS"
  say "$(printf '%-9s %-40s %7s req/s  p50 %7s ms  p99 %7s ms  alone %6s ms  %s requests, %s failed, %s bytes' \
    "$BACKEND" "$name" "$rps" "$p50" "$p99" "$alone" "$requests" "$failed" "$bytes")"
}

# --- query plans (PostgreSQL) ----------------------------------------------------------------
BIG_TABLES="components posts post_hats persons assignments reporting_lines forums forum_links forum_memberships decision_rights"

explain_checks() {
  local db=$1 mission=$2 org=$3 failed=0
  local today
  today=$(date +%F)
  local visible="sensitivity IN ('PUBLIC','INTERNAL','CONFIDENTIAL','STRICTLY_CONFIDENTIAL')"
  local active="valid_from <= '$today' AND (valid_to IS NULL OR valid_to > '$today')"
  local ids
  ids() { psql -qAtX "$db" -c "SELECT string_agg(quote_literal(id::text), ',') FROM ($1) t"; }
  local components posts forums
  components=$(ids "SELECT id FROM components WHERE mission_id = '$mission' AND $active")
  posts=$(ids "SELECT id FROM posts WHERE component_id IN (SELECT id FROM components WHERE mission_id = '$mission') AND $active")
  forums=$(ids "SELECT id FROM forums WHERE mission_id = '$mission' AND $active")
  local org_forums
  org_forums=$(ids "SELECT DISTINCT forum_id AS id FROM forum_memberships WHERE member_organization_id = '$org'")
  local -a checks=(
    "dashboard: components of the mission|SELECT * FROM components WHERE $visible AND archived_at IS NULL AND $active AND mission_id IN ('$mission') ORDER BY id"
    "dashboard: posts of the components|SELECT * FROM posts WHERE $visible AND archived_at IS NULL AND $active AND component_id IN ($components) ORDER BY id"
    "dashboard: lines up from the posts|SELECT * FROM reporting_lines WHERE $visible AND $active AND from_post_id IN ($posts) ORDER BY id"
    "dashboard: posts by id|SELECT * FROM posts WHERE id IN ($posts) AND $visible"
    "dashboard: forums of the mission|SELECT * FROM forums WHERE $visible AND archived_at IS NULL AND $active AND mission_id IN ('$mission') ORDER BY id"
    "dashboard: seats in the forums|SELECT * FROM forum_memberships WHERE $visible AND $active AND forum_id IN ($forums) ORDER BY id"
    "history: seats of one organisation over five years|SELECT * FROM forum_memberships WHERE $visible AND member_organization_id = '$org' AND valid_from <= '2025-12-31' AND (valid_to IS NULL OR valid_to >= '2021-01-01')"
    "history: forums of the seats|SELECT * FROM forums WHERE id IN ($org_forums) AND $visible"
    "who decides: rights in the mission|SELECT * FROM decision_rights WHERE $visible AND mission_id = '$mission' AND $active"
    "reporting chain: lines up from one post|SELECT * FROM reporting_lines WHERE $visible AND $active AND from_post_id IN ((SELECT id FROM posts WHERE component_id IN ($components) ORDER BY id DESC LIMIT 1))"
    "missions page|SELECT * FROM missions WHERE $visible AND archived_at IS NULL ORDER BY acronym, id LIMIT 101"
  )
  say "query plans on PostgreSQL (no sequential scan on: $BIG_TABLES)"
  printf '\n### Query plans (PostgreSQL, N=%s)\n\n| hot path | sequential scans on big tables |\n|---|---|\n' "$N" >>"$RESULTS"
  for check in "${checks[@]}"; do
    local name=${check%%|*} sql=${check#*|}
    local plan scans=""
    if ! plan=$(psql -qAtX -v ON_ERROR_STOP=1 "$db" -c "EXPLAIN $sql" 2>&1) || [ -z "$plan" ]; then
      failed=1
      say "  FAILED    $name: $plan"
      printf '| %s | could not be explained |\n' "$name" >>"$RESULTS"
      continue
    fi
    for table in $BIG_TABLES; do
      if grep -Eq "Seq Scan on $table( |$)" <<<"$plan"; then
        scans="$scans $table"
      fi
    done
    if [ -n "$scans" ]; then
      failed=1
      say "  SEQ SCAN  $name:$scans"
      printf '%s\n' "$plan" >"$WORK/plan-$(tr -c 'a-z0-9' '_' <<<"$name").txt"
    else
      say "  ok        $name"
    fi
    printf '| %s | %s |\n' "$name" "${scans:-none}" >>"$RESULTS"
  done
  return $failed
}

# --- per backend -----------------------------------------------------------------------------
PLANS_OK=1
{
  printf 'N=%s seed=%s, %s connections, %s s per operation after %s s of warm-up\n\n' \
    "$N" "$SEED" "$CONNECTIONS" "$DURATION" "$WARMUP"
  printf 'date %s, commit %s, %s, %s cores, %s, load average at start %s\n\n' \
    "$(date -u +%FT%TZ)" "$(git -C "$ROOT" rev-parse --short HEAD)" \
    "$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)" "$(nproc)" \
    "$(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)" "$(cut -d' ' -f1-3 /proc/loadavg)"
} >>"$RESULTS"
printf '| backend | operation | req/s | p50 ms | p99 ms | alone ms | requests | response bytes |\n|---|---|---|---|---|---|---|---|\n' >>"$RESULTS"
for BACKEND in $BACKENDS; do
  case $BACKEND in
    sqlite)
      file=$WORK/synthetic-n$N.db
      rm -f "$file" "$file-wal" "$file-shm"
      URL="sqlite://$file?mode=rwc"
      ;;
    postgres)
      name=coordmap_bench_n$N
      psql -qAtX "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >/dev/null
      psql -qAtX "$PG_ADMIN_URL" -c "CREATE DATABASE \"$name\"" >/dev/null
      URL=${PG_ADMIN_URL%/*}/$name
      ;;
    *) die "unknown backend $BACKEND (sqlite or postgres)" ;;
  esac

  say "seeding $BACKEND with N=$N (seed $SEED)"
  /usr/bin/time -v "$BIN" --database-url "$URL" seed --synthetic --missions "$N" --seed "$SEED" \
    >"$WORK/seed-$BACKEND.out" 2>"$WORK/seed-$BACKEND.err" \
    || { cat "$WORK/seed-$BACKEND.err" >&2; die "seeding failed"; }
  grep -E '^  [a-z_]+ ' "$WORK/seed-$BACKEND.err" >&2 || true
  seed_wall=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$WORK/seed-$BACKEND.err")
  seed_rss=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$WORK/seed-$BACKEND.err")
  say "seeded in $seed_wall, peak memory $seed_rss MB"

  start_server "$URL"
  mission=$(graphql "$ROOT/bench/queries/dashboard.graphql" '{"acronym":"SYN0000"}' | jq -r '.data.mission.id')
  nodes=$(graphql "$ROOT/bench/queries/dashboard.graphql" '{"acronym":"SYN0000"}' \
    | jq '[.data.mission.components[], .data.mission.components[].posts[], .data.mission.forums[]] | length')
  edges=$(graphql "$ROOT/bench/queries/dashboard.graphql" '{"acronym":"SYN0000"}' \
    | jq '[.data.mission.components[].posts[].reportingLinesUp[], .data.mission.forums[].memberships[]] | length')
  # A typical international NGO, present in a tenth of the countries; and NRC, which co-chairs
  # every protection cluster: the heaviest history of the dataset.
  org=$(graphql <(printf '{ organization(code: "INGO000") { id } }') '{}' | jq -r '.data.organization.id')
  heavy=$(graphql <(printf '{ organization(code: "NRC") { id } }') '{}' | jq -r '.data.organization.id')
  # The deepest post: staff of the last field unit, several levels below the SRSG.
  post=$(graphql "$ROOT/bench/queries/dashboard.graphql" '{"acronym":"SYN0000"}' \
    | jq -r '[.data.mission.components[] | select(.level == "FIELD") | .posts[] | select(.isComponentHead | not)] | last | .id')
  say "dashboard of SYN0000: $nodes nodes (components, posts, forums) and $edges edges (lines up, seats)"

  run "mission dashboard" "$ROOT/bench/queries/dashboard.graphql" '{"acronym":"SYN0000"}'
  if has_query_field whoDecides; then
    run "whoDecides" "$ROOT/bench/queries/who_decides.graphql" "{\"mission\":\"$mission\"}"
  else
    say "whoDecides: not in this build's schema, skipped"
    printf '| %s | whoDecides | skipped: not in the schema yet | | | | | |\n' "$BACKEND" >>"$RESULTS"
  fi
  if has_query_field reportingChain; then
    run "reportingChain" "$ROOT/bench/queries/reporting_chain.graphql" "{\"post\":\"$post\"}"
  else
    say "reportingChain: not in this build's schema, skipped"
    printf '| %s | reportingChain | skipped: not in the schema yet | | | | | |\n' "$BACKEND" >>"$RESULTS"
  fi
  run "forumMembershipHistory" "$ROOT/bench/queries/membership_history.graphql" \
    "{\"organization\":\"$org\",\"from\":\"2021-01-01\",\"to\":\"2025-12-31\"}"
  run "forumMembershipHistory (NRC, heaviest)" "$ROOT/bench/queries/membership_history.graphql" \
    "{\"organization\":\"$heavy\",\"from\":\"2021-01-01\",\"to\":\"2025-12-31\"}"
  run "missions page (100)" "$ROOT/bench/queries/missions_page.graphql" '{}'

  peak=$(awk '/VmHWM/{printf "%.0f", $2/1024}' "/proc/$SERVER_PID/status")
  say "$BACKEND server peak resident memory: $peak MB"
  printf '| %s | server peak RSS | %s MB | | | | | |\n' "$BACKEND" "$peak" >>"$RESULTS"
  printf '| %s | seed (N=%s) | %s wall | peak %s MB | | | | |\n' "$BACKEND" "$N" "$seed_wall" "$seed_rss" >>"$RESULTS"
  printf '| %s | dashboard size | %s nodes, %s edges | | | | | |\n' "$BACKEND" "$nodes" "$edges" >>"$RESULTS"
  printf '| %s | load average after the runs | %s | | | | | |\n' "$BACKEND" "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$RESULTS"
  stop_server

  if [ "$BACKEND" = postgres ]; then
    explain_checks "$URL" \
      "$(psql -qAtX "$URL" -c "SELECT id FROM missions WHERE acronym = 'SYN0000'")" \
      "$(psql -qAtX "$URL" -c "SELECT id FROM organizations WHERE code = 'INGO000'")" \
      || PLANS_OK=0
  fi
done

say ""
say "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo ' (modified)')"
cat "$RESULTS"
if [ "$PLANS_OK" = 0 ]; then
  die "a hot path scans a big table sequentially (plans in $WORK/plan-*.txt)"
fi
