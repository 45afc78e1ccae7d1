#!/usr/bin/env bash
# Starts coordmap as several replicas behind HAProxy on this machine, on one PostgreSQL database,
# and prints the balancer's address. Documented in docs/OPERATIONS.md.
#
#   deploy/local/up.sh                     # 3 replicas of target/release/coordmap
#   REPLICAS=2 DEMO=1 deploy/local/up.sh   # 2 replicas, with the demo dataset
#   deploy/local/down.sh                   # stops everything it started
#
# Running it again starts what is not running (a replica that stopped is started again on its
# port, and HAProxy puts it back in rotation once its /readyz answers) and leaves the rest alone.
# Every COORDMAP_* variable of its environment reaches the replicas (COORDMAP_JWT_SECRET, ...);
# the database URL and the listen address are set here, and COORDMAP_TRUSTED_PROXIES, unless
# given, to the address HAProxy connects to the replicas from (HOST), so anonymous callers are
# rate limited by the client address HAProxy puts in X-Forwarded-For, not all as HAProxy.
#
# Settings (environment):
#   REPLICAS       number of replicas (3)
#   BIN            the coordmap binary (target/release/coordmap; build it with
#                  `cargo build --release`)
#   STATE_DIR      pid files, logs and the rendered HAProxy config (target/deploy-local)
#   HOST           address everything listens on (127.0.0.1)
#   LB_PORT        the balancer's port (8080)
#   STATS_PORT     HAProxy's statistics page (8404)
#   BASE_PORT      replica i listens on BASE_PORT + i - 1 (18081)
#   REPLICA_PORTS  the replicas' ports, space-separated, instead of BASE_PORT
#   DATABASE_URL   the database, used as it is; without it, the database DATABASE_NAME
#                  (coordmap_local) of the PostgreSQL at PG_ADMIN_URL
#                  (postgres://postgres@127.0.0.1:5432/postgres), created when missing
#   DEMO           1: start the replicas with --demo (the demo dataset, anonymous reads)
#   READY_TIMEOUT  seconds to wait for each replica's /readyz (120)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
REPLICAS=${REPLICAS:-3}
BIN=${BIN:-$ROOT/target/release/coordmap}
STATE_DIR=${STATE_DIR:-$ROOT/target/deploy-local}
HOST=${HOST:-127.0.0.1}
LB_PORT=${LB_PORT:-8080}
STATS_PORT=${STATS_PORT:-8404}
BASE_PORT=${BASE_PORT:-18081}
REPLICA_PORTS=${REPLICA_PORTS:-}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
DATABASE_NAME=${DATABASE_NAME:-coordmap_local}
DATABASE_URL=${DATABASE_URL:-}
DEMO=${DEMO:-0}
READY_TIMEOUT=${READY_TIMEOUT:-120}

say() { printf 'up: %s\n' "$*" >&2; }
die() { printf 'up: error: %s\n' "$*" >&2; exit 1; }

[[ $REPLICAS =~ ^[1-9][0-9]*$ ]] || die "REPLICAS must be a positive number, not \`$REPLICAS\`"
[ -x "$BIN" ] || die "no coordmap binary at $BIN (cargo build --release, or set BIN)"
command -v haproxy >/dev/null 2>&1 || die "haproxy is not installed (apt-get install haproxy)"
command -v curl >/dev/null 2>&1 || die "curl is not installed (apt-get install curl)"

if [ -n "$REPLICA_PORTS" ]; then
  read -r -a PORTS <<<"$REPLICA_PORTS"
  [ "${#PORTS[@]}" -eq "$REPLICAS" ] \
    || die "REPLICA_PORTS names ${#PORTS[@]} ports for $REPLICAS replicas"
else
  PORTS=()
  for i in $(seq 1 "$REPLICAS"); do PORTS+=($((BASE_PORT + i - 1))); done
fi

mkdir -p "$STATE_DIR"
STATE_DIR=$(cd "$STATE_DIR" && pwd)

# --- the database ----------------------------------------------------------------------------
if [ -z "$DATABASE_URL" ]; then
  command -v psql >/dev/null 2>&1 || die "psql is not installed (apt-get install postgresql-client)"
  [[ $DATABASE_NAME =~ ^[a-z_][a-z0-9_]*$ ]] || die "DATABASE_NAME must be a plain identifier"
  if [ "$(psql -qAtX "$PG_ADMIN_URL" -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE_NAME'")" != 1 ]; then
    psql -qAtX -v ON_ERROR_STOP=1 "$PG_ADMIN_URL" -c "CREATE DATABASE \"$DATABASE_NAME\"" >/dev/null \
      || die "cannot create the database $DATABASE_NAME"
    say "created the database $DATABASE_NAME"
  fi
  DATABASE_URL="${PG_ADMIN_URL%/*}/$DATABASE_NAME"
fi

# A pid file names a live process of ours: its command line is the one we started.
running() {
  local file=$1 pid
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  grep -qa "$2" "/proc/$pid/cmdline" 2>/dev/null
}

# --- the replicas ----------------------------------------------------------------------------
# HAProxy reaches the replicas at HOST, so its connections come from HOST (from the loopback
# address when HOST is the unspecified address). Only that address is trusted.
if [ -z "${COORDMAP_TRUSTED_PROXIES:-}" ]; then
  case $HOST in
    0.0.0.0) COORDMAP_TRUSTED_PROXIES=127.0.0.1 ;;
    ::|'[::]') COORDMAP_TRUSTED_PROXIES=::1 ;;
    *) COORDMAP_TRUSTED_PROXIES=$HOST ;;
  esac
fi
export COORDMAP_TRUSTED_PROXIES
demo=()
[ "$DEMO" = 1 ] && demo=(--demo)
started=()
for i in $(seq 1 "$REPLICAS"); do
  port=${PORTS[$((i - 1))]}
  pidfile=$STATE_DIR/replica-$i.pid
  if running "$pidfile" "$BIN"; then
    say "replica $i is running (pid $(cat "$pidfile"), port $port)"
    continue
  fi
  # Its own session: a Ctrl-C or a closed terminal after this script leaves it running.
  setsid "$BIN" --database-url "$DATABASE_URL" serve --bind "$HOST:$port" "${demo[@]}" \
    >>"$STATE_DIR/replica-$i.log" 2>&1 </dev/null &
  echo $! >"$pidfile"
  started+=("$i")
  say "started replica $i (pid $!, port $port, log $STATE_DIR/replica-$i.log)"
done

# Started together, they migrate (and load the demo) once: the first takes the database's
# setup lock, the others wait for it.
for i in "${started[@]}"; do
  port=${PORTS[$((i - 1))]}
  pid=$(cat "$STATE_DIR/replica-$i.pid")
  deadline=$((SECONDS + READY_TIMEOUT))
  until curl -fsS -o /dev/null "http://$HOST:$port/readyz" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$STATE_DIR/replica-$i.log" >&2
      die "replica $i stopped; see $STATE_DIR/replica-$i.log"
    fi
    [ "$SECONDS" -lt "$deadline" ] || die "replica $i was not ready in ${READY_TIMEOUT}s; see $STATE_DIR/replica-$i.log"
    sleep 0.2
  done
  say "replica $i is ready"
done

# --- HAProxy ---------------------------------------------------------------------------------
servers=()
for i in $(seq 1 "$REPLICAS"); do servers+=("replica$i=$HOST:${PORTS[$((i - 1))]}"); done
config=$STATE_DIR/haproxy.cfg
"$ROOT/deploy/haproxy/render.sh" "$HOST:$LB_PORT" "$HOST:$STATS_PORT" "${servers[@]}" >"$config.new"
haproxy -c -q -f "$config.new" || die "the rendered HAProxy configuration is not valid: $config.new"
if running "$STATE_DIR/haproxy.pid" haproxy; then
  if ! cmp -s "$config" "$config.new"; then
    rm -f "$config.new"
    die "HAProxy runs with another configuration (another REPLICAS or port?): run deploy/local/down.sh first"
  fi
  rm -f "$config.new"
  say "HAProxy is running (pid $(cat "$STATE_DIR/haproxy.pid"))"
else
  mv "$config.new" "$config"
  # -db: in the foreground of its own session, so its pid is the one recorded.
  setsid haproxy -db -f "$config" >>"$STATE_DIR/haproxy.log" 2>&1 </dev/null &
  echo $! >"$STATE_DIR/haproxy.pid"
  say "started HAProxy (pid $!, log $STATE_DIR/haproxy.log)"
fi
deadline=$((SECONDS + 10))
until curl -fsS -o /dev/null "http://$HOST:$LB_PORT/readyz" 2>/dev/null; do
  [ "$SECONDS" -lt "$deadline" ] || die "the balancer does not answer; see $STATE_DIR/haproxy.log"
  sleep 0.2
done

say "HAProxy statistics: http://$HOST:$STATS_PORT/"
say "stop everything with: STATE_DIR=$STATE_DIR $ROOT/deploy/local/down.sh"
# The one line on standard output: the balancer's address.
echo "http://$HOST:$LB_PORT"
