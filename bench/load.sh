#!/usr/bin/env bash
# HTTP load benchmark of coordmap on the synthetic dataset, on SQLite and PostgreSQL.
# Documented in docs/BENCHMARKS.md. Every address is on the loopback interface; every load run
# is bounded in time (DURATION) and in count (MAX_REQUESTS).
#
#   bench/load.sh                      # N=200 on both backends
#   N=20 DURATION=5 bench/load.sh      # a quick run
#   BACKENDS=postgres bench/load.sh    # one backend
#   CACHE_MODES=off bench/load.sh      # without the response cache only
#   TELEMETRY=metrics bench/load.sh    # with the metrics recorded (/metrics served)
#   TELEMETRY=on bench/load.sh         # metrics, and spans exported (1 % sampled) to a local sink
#   REUSE_DB=1 SKIP_TRANSFER=1 ONLY='^(mission dashboard|whoDecides)$' bench/load.sh
#                                      # two operations on the database a run seeded before
#   PEER=postgraphile BACKENDS=postgres bench/load.sh
#                                      # and PostGraphile on the same database, the same queries
#   ROLE=VIEWER REUSE_DB=1 SKIP_TRANSFER=1 ONLY='^mission dashboard$' bench/load.sh
#                                      # as a VIEWER (no confidential read to log), to compare
#                                      # with the administrator's run
set -euo pipefail

BACKENDS=${BACKENDS:-"sqlite postgres"}
# Telemetry: `off` (the default) runs with neither metrics nor traces; `metrics` sets the metrics
# token, so the server records its series (and /metrics is read once at the end of each run, as a
# check that they were recorded); `on` also points the server at a sink on the loopback interface
# that accepts OTLP/HTTP posts and drops them, sampling TRACE_SAMPLE_RATIO of the requests (1 %),
# so the run measures recording and exporting spans too.
TELEMETRY=${TELEMETRY:-off}
# ROLE: the role of the benchmark's caller (ADMIN by default: its answers hold confidential
# records, whose reads are logged).
ROLE=${ROLE:-ADMIN}
# ONLY: an extended regular expression; only the operations whose name matches it are measured.
ONLY=${ONLY:-}
# REUSE_DB=1 keeps a database that an earlier run seeded with the same N and SEED (the seed step
# is skipped); SKIP_TRANSFER=1 skips the export and import measurements.
REUSE_DB=${REUSE_DB:-0}
SKIP_TRANSFER=${SKIP_TRANSFER:-0}
CLK_TCK=$(getconf CLK_TCK)
# PEER=postgraphile also measures PostGraphile (pinned in bench/peer/package.json, with the Node
# it needs) on the same PostgreSQL database, on the queries of bench/peer/, after coordmap's runs
# with the cache off; PEER_PORT is where it listens.
PEER=${PEER:-}
PEER_PORT=${PEER_PORT:-18183}
case $PEER in
  '' | postgraphile) ;;
  *) die "unknown PEER=$PEER (postgraphile, or empty)" ;;
esac
METRICS_TOKEN="bench-metrics-$(date +%s)"
TRACE_SAMPLE_RATIO=${TRACE_SAMPLE_RATIO:-0.01}
SINK_PORT=${SINK_PORT:-18182}
PORT=${PORT:-18181}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/common.sh
. "$ROOT/bench/common.sh"
RESULTS=$WORK/results.md
PLANS=$WORK/plans.md             # appended to the results at the end, after the table

case $TELEMETRY in
  off | metrics | on) ;;
  *) die "unknown TELEMETRY=$TELEMETRY (off, metrics or on)" ;;
esac
for backend in $BACKENDS; do
  case $backend in
    sqlite | postgres) ;;
    *) die "unknown backend $backend in BACKENDS (sqlite or postgres)" ;;
  esac
done
: >"$RESULTS"
: >"$PLANS"

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
[ "$TELEMETRY" = on ] && need python3 python3

build_release

# --- the caller's token (ROLE) --------------------------------------------------------------
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
if "$BIN" token issue-jwt --help >/dev/null 2>&1 \
  && TOKEN=$(COORDMAP_JWT_SECRET=$SECRET "$BIN" token issue-jwt --sub bench --role "$ROLE" 2>/dev/null); then
  :
else
  header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"sub":"bench","exp":%d,"roles":["%s"]}' $(($(date +%s) + 86400)) "$ROLE" | b64url)
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

# fresh_database BACKEND SQLITE_FILE PG_NAME: drops the database if it exists and creates it
# empty (SQLite: the file SQLITE_FILE; PostgreSQL: the database PG_NAME); prints its URL.
fresh_database() {
  local backend=$1 file=$2 name=$3
  case $backend in
    sqlite)
      rm -f "$file" "$file-wal" "$file-shm"
      printf 'sqlite://%s?mode=rwc\n' "$file"
      ;;
    postgres)
      if ! psql -qAtX -v ON_ERROR_STOP=1 "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >/dev/null \
        || ! psql -qAtX -v ON_ERROR_STOP=1 "$PG_ADMIN_URL" -c "CREATE DATABASE \"$name\"" >/dev/null; then
        die "cannot create the PostgreSQL database $name"
      fi
      printf '%s/%s\n' "${PG_ADMIN_URL%/*}" "$name"
      ;;
  esac
}

# The database the JSON dump is imported into (a PostgreSQL database or a SQLite file),
# dropped after the import, and on exit if the import stopped half-way.
IMPORT_DB=
IMPORT_FILE=
drop_import_db() {
  if [ -n "$IMPORT_DB" ]; then
    psql -qAtX -v ON_ERROR_STOP=1 "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$IMPORT_DB\" WITH (FORCE)" >/dev/null \
      || return 1
    IMPORT_DB=
  fi
  if [ -n "$IMPORT_FILE" ]; then
    rm -f "$IMPORT_FILE" "$IMPORT_FILE-wal" "$IMPORT_FILE-shm"
    IMPORT_FILE=
  fi
}

# The OTLP sink of TELEMETRY=on: answers every POST with 200 and counts the bytes received
# (written to $WORK/otlp-bytes when it stops).
SINK_PID=
start_sink() {
  python3 - "$SINK_PORT" "$WORK/otlp-bytes" <<'PY' &
import http.server, signal, sys
port, out = int(sys.argv[1]), sys.argv[2]
received = [0, 0]
class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        received[0] += len(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        received[1] += 1
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
def stop(*_):
    with open(out, "w") as f:
        f.write(f"{received[0]} bytes in {received[1]} posts\n")
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
http.server.ThreadingHTTPServer(("127.0.0.1", port), Sink).serve_forever()
PY
  SINK_PID=$!
}
stop_sink() {
  if [ -n "$SINK_PID" ] && kill -0 "$SINK_PID" 2>/dev/null; then
    kill "$SINK_PID" 2>/dev/null || true
    wait "$SINK_PID" 2>/dev/null || true
    say "OTLP sink: $(cat "$WORK/otlp-bytes" 2>/dev/null || echo 'nothing counted')"
  fi
  SINK_PID=
}
[ "$TELEMETRY" = on ] && start_sink

# PostGraphile on the database at URL (PEER=postgraphile), its packages installed first.
PEER_PID=
start_peer() {
  local url=$1 dir=$ROOT/bench/peer
  if [ ! -x "$dir/node_modules/.bin/node" ] || [ ! -e "$dir/node_modules/.bin/postgraphile" ]; then
    say "installing PostGraphile (bench/peer)"
    (cd "$dir" && npm ci --no-audit --no-fund >/dev/null) || die "cannot install bench/peer's packages"
  fi
  GRAPHILE_ENV=production "$dir/node_modules/.bin/node" "$dir/node_modules/.bin/postgraphile" \
    -P postgraphile/presets/amber -c "$url" -s public -n "$HOST" -p "$PEER_PORT" \
    >"$WORK/peer.log" 2>&1 &
  PEER_PID=$!
  for _ in $(seq 1 150); do
    curl -fsS -H 'Content-Type: application/json' --data '{"query":"{ __typename }"}' \
      "http://$HOST:$PEER_PORT/graphql" >/dev/null 2>&1 && return
    kill -0 "$PEER_PID" 2>/dev/null || die "PostGraphile stopped; see $WORK/peer.log"
    sleep 0.2
  done
  die "PostGraphile did not become ready; see $WORK/peer.log"
}
stop_peer() {
  if [ -n "$PEER_PID" ] && kill -0 "$PEER_PID" 2>/dev/null; then
    kill "$PEER_PID" 2>/dev/null || true
    wait "$PEER_PID" 2>/dev/null || true
  fi
  PEER_PID=
}

cleanup() {
  stop_server
  stop_peer
  stop_sink
  drop_import_db || say "could not drop the import database"
}
trap cleanup EXIT

# start_server URL CACHE_MODE: `on` leaves COORDMAP_RESPONSE_CACHE_MB unset (the server's
# default), `off` sets it to 0; TELEMETRY decides the metrics token and the trace exporter.
start_server() {
  local url=$1 mode=$2 log=$WORK/server-$BACKEND-cache-$2.log
  # Whatever the caller's environment says, the run's settings decide: `env` unsets each
  # variable the modes control, then sets those the modes ask for (options before assignments).
  local -a settings=()
  [ "$mode" = off ] && settings+=(COORDMAP_RESPONSE_CACHE_MB=0)
  [ "$TELEMETRY" = on ] && settings+=(COORDMAP_OTLP_ENDPOINT="http://$HOST:$SINK_PORT"
    COORDMAP_TRACE_SAMPLE_RATIO="$TRACE_SAMPLE_RATIO")
  [ "$TELEMETRY" != off ] && settings+=(COORDMAP_METRICS_TOKEN="$METRICS_TOKEN")
  env -u COORDMAP_RESPONSE_CACHE_MB -u COORDMAP_METRICS_TOKEN -u COORDMAP_OTLP_ENDPOINT \
    -u OTEL_EXPORTER_OTLP_ENDPOINT -u OTEL_EXPORTER_OTLP_TRACES_ENDPOINT "${settings[@]}" \
    COORDMAP_DATABASE_URL="$url" \
    COORDMAP_BIND="$HOST:$PORT" \
    COORDMAP_JWT_SECRET="$SECRET" \
    COORDMAP_RATE_LIMIT_PER_MINUTE=0 \
    COORDMAP_DB_MAX_CONNECTIONS="${DB_MAX_CONNECTIONS:-10}" \
    RUST_LOG="${SERVER_LOG:-warn}" \
    "$BIN" serve >"$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    curl -fsS "http://$HOST:$PORT/readyz" >/dev/null 2>&1 && return
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server stopped; see $log"
    sleep 0.2
  done
  die "the server did not become ready; see $log"
}

# Wall time in seconds and peak resident memory in MB from the output of /usr/bin/time -v.
wall_of() {
  awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$1" \
    | awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f", s}'
}
rss_of() { awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$1"; }
# The last lines a command timed by /usr/bin/time -v wrote to standard error, without the timing.
errors_of() {
  awk '/^Command exited with non-zero status|^Command terminated by signal|^\tCommand being timed:/{exit} {print}' "$1" \
    | tail -n 40 >&2
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
# The processor time the server at PORT has used, in clock ticks (user + system of its process).
cpu_ticks() {
  local pid=$SERVER_PID
  [ "$1" = "$PEER_PORT" ] && pid=$PEER_PID
  awk '{print $14 + $15}' "/proc/$pid/stat"
}

# run NAME QUERY VARIABLES [PORT]: measures one operation on the server at PORT (coordmap's by
# default); the first answer is kept in $WORK/answer-NAME.json.
run() {
  local name=$1 query=$2 vars=$3 port=${4:-$PORT} body=$WORK/body-$1.json
  if [ -n "$ONLY" ] && ! grep -Eq -- "$ONLY" <<<"$name"; then
    return
  fi
  jq -n --rawfile q "$query" --argjson v "$vars" '{query: $q, variables: $v}' >"$body"
  local sample
  sample=$(curl -fsS -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
    --data-binary @"$body" "http://$HOST:$port/graphql")
  if jq -e '.errors' >/dev/null <<<"$sample"; then
    say "$name answers with errors: $(jq -c '.errors[0]' <<<"$sample")"
    printf '| %s | %s | %s | error | | | | | | |\n' "$BACKEND" "cache $CACHE" "$name" >>"$RESULTS"
    return
  fi
  local bytes=${#sample}
  printf '%s\n' "$sample" >"$WORK/answer-$name.json"
  # Service time: the median of seven requests sent one at a time.
  local alone
  alone=$(for _ in 1 2 3 4 5 6 7; do
    curl -sS -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' \
      -H "Authorization: Bearer $TOKEN" --data-binary @"$body" "http://$HOST:$port/graphql"
  done | sort -n | sed -n 4p | awk '{printf "%.1f", $1 * 1000}')
  local per_thread=$((MAX_REQUESTS / THREADS))
  export BENCH_BODY=$body BENCH_TOKEN=$TOKEN BENCH_MAX_REQUESTS_PER_THREAD=$per_thread
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$ROOT/bench/post.lua" \
    "http://$HOST:$port/graphql" >/dev/null
  local out ticks
  ticks=$(cpu_ticks "$port")
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$ROOT/bench/post.lua" \
    "http://$HOST:$port/graphql")
  ticks=$(($(cpu_ticks "$port") - ticks))
  local requests duration p50 p99 failed
  requests=$(awk '/^requests /{print $2}' <<<"$out")
  duration=$(awk '/^duration_us /{print $2}' <<<"$out")
  p50=$(awk '/^p50_us /{printf "%.1f", $2/1000}' <<<"$out")
  p99=$(awk '/^p99_us /{printf "%.1f", $2/1000}' <<<"$out")
  failed=$(awk '/^failed_answers /{print $2}' <<<"$out")
  local rps cpu
  rps=$(awk -v r="$requests" -v d="$duration" 'BEGIN{printf "%.0f", r/(d/1e6)}')
  # The server's processor time per answered request: less disturbed by other load on the
  # machine than throughput is.
  cpu=$(awk -v t="$ticks" -v hz="$CLK_TCK" -v r="$requests" 'BEGIN{printf "%.1f", t / hz * 1e6 / r}')
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$BACKEND" "cache $CACHE" \
    "$name" "$rps" "$p50" "$p99" "$alone" "$cpu" "$requests ($failed failed)" "$bytes" >>"$RESULTS"
  say "$(printf '%-9s %-9s %-40s %7s req/s  p50 %7s ms  p99 %7s ms  alone %6s ms  CPU %8s µs/req  %s requests, %s failed, %s bytes' \
    "$BACKEND" "cache $CACHE" "$name" "$rps" "$p50" "$p99" "$alone" "$cpu" "$requests" "$failed" "$bytes")"
}

# --- query plans (PostgreSQL) ----------------------------------------------------------------
BIG_TABLES="components posts post_hats persons assignments reporting_lines forums forum_links forum_memberships decision_rights"

explain_checks() {
  local db=$1 mission=$2 org=$3 failed=0
  local today
  today=$(date +%F)
  local visible="sensitivity IN ('PUBLIC','INTERNAL','CONFIDENTIAL','STRICTLY_CONFIDENTIAL')"
  local active="valid_from <= '$today' AND (valid_to IS NULL OR valid_to > '$today')"
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
  printf '\n### Query plans (PostgreSQL, N=%s)\n\n| hot path | sequential scans on big tables |\n|---|---|\n' "$N" >>"$PLANS"
  for check in "${checks[@]}"; do
    local name=${check%%|*} sql=${check#*|}
    local plan scans=""
    if ! plan=$(psql -qAtX -v ON_ERROR_STOP=1 "$db" -c "EXPLAIN $sql" 2>&1) || [ -z "$plan" ]; then
      failed=1
      say "  FAILED    $name: $plan"
      printf '| %s | could not be explained |\n' "$name" >>"$PLANS"
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
    printf '| %s | %s |\n' "$name" "${scans:-none}" >>"$PLANS"
  done
  return $failed
}

# --- JSON export and import ------------------------------------------------------------------
# export_import URL: exports the seeded database as a JSON document, imports it into a new empty
# database of the same backend (the import applies the migrations itself), checks that every row
# of the document was imported, records the sizes, times and peak memory, and drops the new
# database.
export_import() {
  local url=$1 dir=$WORK/dump-$BACKEND-n$N
  local dump=$dir/coordmap.json new_url
  rm -rf "$dir"
  say "exporting $BACKEND as JSON"
  /usr/bin/time -v "$BIN" --database-url "$url" export --format json --out "$dir" \
    >"$WORK/export-$BACKEND.out" 2>"$WORK/export-$BACKEND.err" \
    || { errors_of "$WORK/export-$BACKEND.err"; die "the JSON export of $BACKEND failed (see $WORK/export-$BACKEND.err)"; }
  [ -s "$dump" ] || die "the JSON export of $BACKEND wrote no $dump"
  local dump_bytes dump_mb dump_rows export_wall export_rss
  dump_bytes=$(stat -c %s "$dump")
  dump_mb=$(awk -v b="$dump_bytes" 'BEGIN{printf "%.1f", b/1048576}')
  # One row per line (docs/IMPORT_EXPORT.md): the rows are the lines that open an object.
  dump_rows=$(grep -c '^ *{"' "$dump" || true)
  export_wall=$(wall_of "$WORK/export-$BACKEND.err")
  export_rss=$(rss_of "$WORK/export-$BACKEND.err")
  say "exported $dump_rows rows, $dump_mb MB in $export_wall s, peak memory $export_rss MB"

  case $BACKEND in
    sqlite) IMPORT_FILE=$WORK/import-n$N.db ;;
    postgres) IMPORT_DB=coordmap_bench_import_n$N ;;
  esac
  new_url=$(fresh_database "$BACKEND" "$WORK/import-n$N.db" "coordmap_bench_import_n$N")
  say "importing the JSON document into an empty $BACKEND database"
  /usr/bin/time -v "$BIN" --database-url "$new_url" import "$dump" \
    >"$WORK/import-$BACKEND.out" 2>"$WORK/import-$BACKEND.err" \
    || { errors_of "$WORK/import-$BACKEND.err"; die "the JSON import into $BACKEND failed (see $WORK/import-$BACKEND.err)"; }
  local import_wall import_rss imported created
  import_wall=$(wall_of "$WORK/import-$BACKEND.err")
  import_rss=$(rss_of "$WORK/import-$BACKEND.err")
  # The report's last line: total created updated unchanged ended.
  imported=$(awk '$1 == "total" {print $2 + $3 + $4 + $5}' "$WORK/import-$BACKEND.out")
  created=$(awk '$1 == "total" {print $2}' "$WORK/import-$BACKEND.out")
  [ -n "$imported" ] || { cat "$WORK/import-$BACKEND.out" >&2; die "the JSON import into $BACKEND printed no total"; }
  [ "$imported" = "$dump_rows" ] \
    || die "the JSON import into $BACKEND counted $imported rows, the document has $dump_rows (see $WORK/import-$BACKEND.out)"
  say "imported $imported rows ($created created) in $import_wall s, peak memory $import_rss MB"
  drop_import_db || die "cannot drop the import database"

  printf '| %s | | JSON export (N=%s, %s rows, %s MB) | %s s wall | peak %s MB | | | | | %s |\n' \
    "$BACKEND" "$N" "$dump_rows" "$dump_mb" "$export_wall" "$export_rss" "$dump_bytes" >>"$RESULTS"
  printf '| %s | | JSON import of that dump into an empty database (%s rows created) | %s s wall | peak %s MB | | | | | %s |\n' \
    "$BACKEND" "$created" "$import_wall" "$import_rss" "$dump_bytes" >>"$RESULTS"
}

# --- the operations, with one cache mode -----------------------------------------------------
# measure URL: reads the ids the operations need (once per backend), runs every operation and
# records the server's peak memory. CACHE says the mode.
# The ids of the records an answer holds, as UUIDs (coordmap's ids and PostGraphile's encode
# them differently), sorted: two answers with the same list hold the same rows.
record_ids() {
  jq -c '
    def uuid: (gsub("-"; "+") | gsub("_"; "/")) as $s
      | ($s + ("==="[0:((4 - ($s | length) % 4) % 4)])) | @base64d
      | capture("(?<u>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})").u;
    [.. | objects | .id? | strings | uuid] | sort' "$1"
}

# PostGraphile on the same database and the same queries (PEER=postgraphile, PostgreSQL).
measure_peer() {
  local url=$1 vars="{\"acronym\":\"SYN0000\"}"
  say "$BACKEND: starting PostGraphile"
  start_peer "$url"
  local CACHE=none
  run "PostGraphile: mission dashboard" "$ROOT/bench/peer/dashboard.graphql" "$vars" "$PEER_PORT"
  run "PostGraphile: mission structure" "$ROOT/bench/peer/mission_structure.graphql" "$vars" "$PEER_PORT"
  run "PostGraphile: missions page (100)" "$ROOT/bench/peer/missions_page.graphql" '{}' "$PEER_PORT"
  local ours theirs
  for name in "mission dashboard" "mission structure" "missions page (100)"; do
    ours=$WORK/answer-$name.json theirs="$WORK/answer-PostGraphile: $name.json"
    [ -f "$ours" ] && [ -f "$theirs" ] || continue
    if [ "$(record_ids "$ours")" = "$(record_ids "$theirs")" ]; then
      say "$name: both answers hold the same $(record_ids "$ours" | jq length) records"
    else
      say "$name: the answers of coordmap and PostGraphile hold different records"
      printf '| %s | | %s | the answers of coordmap and PostGraphile hold different records | | | | | | |\n' \
        "$BACKEND" "$name" >>"$RESULTS"
    fi
  done
  stop_peer
}

measure() {
  local url=$1
  say "$BACKEND, cache $CACHE: starting the server"
  start_server "$url" "$CACHE"
  if [ -z "$mission" ]; then
    local dashboard
    dashboard=$(graphql "$ROOT/bench/queries/dashboard.graphql" '{"acronym":"SYN0000"}')
    mission=$(jq -r '.data.mission.id // empty' <<<"$dashboard")
    [ -n "$mission" ] || die "no mission SYN0000 in $BACKEND: $(head -c 300 <<<"$dashboard")"
    nodes=$(jq '[.data.mission.components[], .data.mission.components[].posts[], .data.mission.forums[]] | length' <<<"$dashboard")
    edges=$(jq '[.data.mission.components[].posts[].reportingLinesUp[], .data.mission.forums[].memberships[]] | length' <<<"$dashboard")
    # The deepest post: staff of the last field unit, several levels below the SRSG.
    post=$(jq -r '[.data.mission.components[] | select(.level == "FIELD") | .posts[] | select(.isComponentHead | not)] | last | .id' <<<"$dashboard")
    # A typical international NGO, present in a tenth of the countries; and NRC, which co-chairs
    # every protection cluster: the heaviest history of the dataset.
    org=$(graphql <(printf '{ organization(code: "INGO000") { id } }') '{}' | jq -r '.data.organization.id')
    heavy=$(graphql <(printf '{ organization(code: "NRC") { id } }') '{}' | jq -r '.data.organization.id')
    say "dashboard of SYN0000: $nodes nodes (components, posts, forums) and $edges edges (lines up, seats)"
  fi

  run "mission dashboard" "$ROOT/bench/queries/dashboard.graphql" '{"acronym":"SYN0000"}'
  if has_query_field whoDecides; then
    run "whoDecides" "$ROOT/bench/queries/who_decides.graphql" "{\"mission\":\"$mission\"}"
  else
    say "whoDecides: not in this build's schema, skipped"
    printf '| %s | %s | whoDecides | skipped: not in the schema | | | | | | |\n' "$BACKEND" "cache $CACHE" >>"$RESULTS"
  fi
  if has_query_field reportingChain; then
    run "reportingChain" "$ROOT/bench/queries/reporting_chain.graphql" "{\"post\":\"$post\"}"
  else
    say "reportingChain: not in this build's schema, skipped"
    printf '| %s | %s | reportingChain | skipped: not in the schema | | | | | | |\n' "$BACKEND" "cache $CACHE" >>"$RESULTS"
  fi
  run "forumMembershipHistory" "$ROOT/bench/queries/membership_history.graphql" \
    "{\"organization\":\"$org\",\"from\":\"2021-01-01\",\"to\":\"2025-12-31\"}"
  run "forumMembershipHistory (NRC, heaviest)" "$ROOT/bench/queries/membership_history.graphql" \
    "{\"organization\":\"$heavy\",\"from\":\"2021-01-01\",\"to\":\"2025-12-31\"}"
  run "missions page (100)" "$ROOT/bench/queries/missions_page.graphql" '{}'
  run "mission structure" "$ROOT/bench/queries/mission_structure.graphql" '{"acronym":"SYN0000"}'

  if [ "$TELEMETRY" != off ]; then
    local scraped
    scraped=$(curl -fsS -H "Authorization: Bearer $METRICS_TOKEN" "http://$HOST:$PORT/metrics") \
      || die "TELEMETRY=$TELEMETRY but /metrics could not be read"
    grep -q '^coordmap_graphql_operations_total{' <<<"$scraped" \
      || die "TELEMETRY=$TELEMETRY but /metrics holds no GraphQL operation series"
  fi
  local peak
  peak=$(awk '/VmHWM/{printf "%.0f", $2/1024}' "/proc/$SERVER_PID/status")
  say "$BACKEND server peak resident memory with the cache $CACHE: $peak MB"
  printf '| %s | %s | server peak RSS | %s MB | | | | | | |\n' "$BACKEND" "cache $CACHE" "$peak" >>"$RESULTS"
  printf '| %s | %s | load average after the runs | %s | | | | | | |\n' \
    "$BACKEND" "cache $CACHE" "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$RESULTS"
  stop_server
}

# --- per backend -----------------------------------------------------------------------------
PLANS_OK=1
{
  printf 'N=%s seed=%s, %s connections, %s s per operation after %s s of warm-up, cache modes: %s, metrics: %s, traces: %s\n\n' \
    "$N" "$SEED" "$CONNECTIONS" "$DURATION" "$WARMUP" "$CACHE_MODES" \
    "$([ "$TELEMETRY" = off ] && echo off || echo recorded)" \
    "$([ "$TELEMETRY" = on ] && echo "exported, $TRACE_SAMPLE_RATIO sampled" || echo off)"
  printf 'date %s, commit %s, %s, %s cores, %s, load average at start %s\n\n' \
    "$(date -u +%FT%TZ)" "$(git -C "$ROOT" rev-parse --short HEAD)" \
    "$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)" "$(nproc)" \
    "$(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)" "$(cut -d' ' -f1-3 /proc/loadavg)"
} >>"$RESULTS"
printf '| backend | cache | operation | req/s | p50 ms | p99 ms | alone ms | server CPU µs/request | requests | response bytes |\n|---|---|---|---|---|---|---|---|---|---|\n' >>"$RESULTS"
for BACKEND in $BACKENDS; do
  # A database this script seeded with the same N and SEED is marked; REUSE_DB=1 keeps it.
  seeded=$WORK/seeded-$BACKEND-n$N-seed$SEED
  if [ "$REUSE_DB" = 1 ] && [ -f "$seeded" ]; then
    URL=$(cat "$seeded")
    say "reusing the $BACKEND database seeded before: $URL"
  else
    rm -f "$seeded"
    URL=$(fresh_database "$BACKEND" "$WORK/synthetic-n$N.db" "coordmap_bench_n$N")
    say "seeding $BACKEND with N=$N (seed $SEED)"
    /usr/bin/time -v "$SEED_BIN" --database-url "$URL" seed --missions "$N" --seed "$SEED" \
      >"$WORK/seed-$BACKEND.out" 2>"$WORK/seed-$BACKEND.err" \
      || { errors_of "$WORK/seed-$BACKEND.err"; die "seeding $BACKEND failed (see $WORK/seed-$BACKEND.err)"; }
    grep -E '^  [a-z_]+ ' "$WORK/seed-$BACKEND.err" >&2 || true
    seed_wall=$(wall_of "$WORK/seed-$BACKEND.err")
    seed_rss=$(rss_of "$WORK/seed-$BACKEND.err")
    say "seeded in $seed_wall s, peak memory $seed_rss MB"
    printf '| %s | | seed (N=%s) | %s s wall | peak %s MB | | | | | |\n' "$BACKEND" "$N" "$seed_wall" "$seed_rss" >>"$RESULTS"
    printf '%s\n' "$URL" >"$seeded"
  fi

  [ "$SKIP_TRANSFER" = 1 ] || export_import "$URL"

  mission='' nodes='' edges='' post='' org='' heavy=''
  for CACHE in $CACHE_MODES; do
    measure "$URL"
  done
  if [ "$PEER" = postgraphile ] && [ "$BACKEND" = postgres ]; then
    measure_peer "$URL"
  fi
  printf '| %s | | dashboard size | %s nodes, %s edges | | | | | | |\n' "$BACKEND" "$nodes" "$edges" >>"$RESULTS"

  if [ "$BACKEND" = postgres ]; then
    explain_checks "$URL" \
      "$(psql -qAtX "$URL" -c "SELECT id FROM missions WHERE acronym = 'SYN0000'")" \
      "$(psql -qAtX "$URL" -c "SELECT id FROM organizations WHERE code = 'INGO000'")" \
      || PLANS_OK=0
  fi
done
cat "$PLANS" >>"$RESULTS"

say ""
say "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo ' (modified)')"
cat "$RESULTS"
if [ "$PLANS_OK" = 0 ]; then
  die "a hot path scans a big table sequentially (plans in $WORK/plan-*.txt)"
fi
