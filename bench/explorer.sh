#!/usr/bin/env bash
# Time to interactive of the map explorer on the typical synthetic mission (SYN0000), in headless
# Chromium driven over WebDriver (chromedriver, with curl and jq), and the bytes of its assets.
#
#   bench/explorer.sh                      # builds the release binaries, seeds, measures
#   SKIP_BUILD=1 BIN=target/debug/coordmap SEED_BIN=target/debug/coordmap-bench bench/explorer.sh
#
# Variables: N (missions seeded, 10: the typical mission is the same whatever N), SEED (1), RUNS
# (5 page loads: the first with an empty cache, the others with the assets cached, as a
# returning user has them), PORT (18191), DRIVER_PORT (18192), WORK (target/bench), and those of
# bench/common.sh. The map is read as a signed-in analyst (an anonymous caller's budget cuts the
# graph to about 200 nodes). "Interactive" is the page's `map-interactive` performance mark: the
# first frame after the layout, once the map answers input; it counts from the start of the
# navigation, so it includes loading the page and its script, the queries and the layout.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-10}
PORT=${PORT:-18191}
DRIVER_PORT=${DRIVER_PORT:-18192}
RUNS=${RUNS:-5}
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

command -v chromium >/dev/null && command -v chromedriver >/dev/null \
  || die "needs chromium and chromedriver (apt-get install chromium chromium-driver)"
command -v jq >/dev/null || die "needs jq (apt-get install jq)"
build_release

DB="$WORK/explorer-n$N.db"
URL="sqlite://$DB?mode=rwc"
if [ ! -s "$DB" ]; then
  say "seeding $N missions into $DB"
  "$SEED_BIN" --database-url "$URL" seed --missions "$N" --seed "$SEED" >"$WORK/explorer-seed.log" 2>&1
fi

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

env -u COORDMAP_RESPONSE_CACHE_MB COORDMAP_DATABASE_URL="$URL" COORDMAP_BIND="$HOST:$PORT" \
  COORDMAP_JWT_SECRET="$SECRET" COORDMAP_RATE_LIMIT_PER_MINUTE=0 RUST_LOG=warn \
  "$BIN" serve >"$WORK/explorer-server.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do
  curl -fsS "http://$HOST:$PORT/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "http://$HOST:$PORT/readyz" >/dev/null || die "the server did not start; see $WORK/explorer-server.log"
TOKEN=$(COORDMAP_JWT_SECRET=$SECRET COORDMAP_DATABASE_URL="$URL" "$BIN" token issue-jwt --sub bench --role ANALYST 2>/dev/null)

chromedriver --port="$DRIVER_PORT" >"$WORK/explorer-chromedriver.log" 2>&1 &
PIDS+=($!)
DRIVER="http://$HOST:$DRIVER_PORT"
for _ in $(seq 1 50); do
  curl -fsS "$DRIVER/status" >/dev/null 2>&1 && break
  sleep 0.2
done
PROFILE=$(mktemp -d)
SESSION=$(curl -fsS -X POST "$DRIVER/session" -H 'Content-Type: application/json' -d "$(jq -n \
  --arg profile "--user-data-dir=$PROFILE" '{capabilities: {alwaysMatch: {"goog:chromeOptions": {
    binary: "/usr/bin/chromium",
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           "--window-size=1400,900", $profile,
           "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
           "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=127.0.0.1"]}}}}')" \
  | jq -r .value.sessionId)
[ -n "$SESSION" ] && [ "$SESSION" != null ] || die "no browser session; see $WORK/explorer-chromedriver.log"
end_session() { curl -fsS -X DELETE "$DRIVER/session/$SESSION" >/dev/null 2>&1 || true; rm -rf "$PROFILE"; cleanup; }
trap end_session EXIT

goto() { curl -fsS -X POST "$DRIVER/session/$SESSION/url" -H 'Content-Type: application/json' -d "$(jq -n --arg url "$1" '{url: $url}')" >/dev/null; }
run() { curl -fsS -X POST "$DRIVER/session/$SESSION/execute/sync" -H 'Content-Type: application/json' -d "$(jq -n --arg script "$1" '{script: $script, args: []}')" | jq -c .value; }

BASE="http://$HOST:$PORT"
goto "$BASE/graphiql"
run "sessionStorage.setItem('coordmap.explorer.token', '$TOKEN'); return true" >/dev/null

MEASURE='const e = performance.getEntriesByName("map-interactive")[0];
const layout = performance.getEntriesByName("map-layout")[0];
const resources = performance.getEntriesByType("resource");
const assets = resources.filter(r => r.name.includes("/explore/assets/"));
const queries = resources.filter(r => r.name.endsWith("/graphql"));
const graph = queries.reduce((a, b) => (b.encodedBodySize > (a?.encodedBodySize ?? -1) ? b : a), null);
return { interactive: e ? Math.round(e.startTime) : null, layout: layout ? Math.round(layout.duration) : null,
  nodes: window.explorer?.cy.nodes().length, edges: window.explorer?.cy.edges().length,
  graphQuery: graph ? Math.round(graph.responseEnd - graph.startTime) : null,
  graphBytes: graph ? graph.encodedBodySize : null,
  assetBytes: assets.reduce((n, r) => n + r.transferSize, 0),
  assetBodies: assets.reduce((n, r) => n + r.encodedBodySize, 0) };'

say "measuring $RUNS loads of $BASE/explore/SYN0000"
printf '| load | time to interactive (ms) | layout (ms) | graph query (ms) | nodes | edges | graph answer (bytes) | assets transferred (bytes) |\n'
printf '|---|---|---|---|---|---|---|---|\n'
for run_number in $(seq 1 "$RUNS"); do
  goto "$BASE/explore/SYN0000"
  state=""
  for _ in $(seq 1 300); do
    state=$(run 'return document.getElementById("explorer").dataset.state' | tr -d '"')
    [ "$state" = ready ] || [ "$state" = error ] && break
    sleep 0.1
  done
  [ "$state" = ready ] || die "the map was not drawn (state: $state)"
  m=$(run "$MEASURE")
  label=$([ "$run_number" = 1 ] && echo "1 (empty cache)" || echo "$run_number (assets cached)")
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" \
    "$(jq -r .interactive <<<"$m")" "$(jq -r .layout <<<"$m")" "$(jq -r .graphQuery <<<"$m")" \
    "$(jq -r .nodes <<<"$m")" "$(jq -r .edges <<<"$m")" "$(jq -r .graphBytes <<<"$m")" \
    "$(jq -r .assetBytes <<<"$m")"
done
