#!/usr/bin/env bash
# Stops what deploy/local/up.sh started (HAProxy, then the replicas), from the pid files of its
# state directory; the database and the logs stay. Documented in docs/OPERATIONS.md.
#
#   deploy/local/down.sh
#   STATE_DIR=/tmp/coordmap-local deploy/local/down.sh
#
# Each process gets SIGTERM (a replica finishes the requests in progress, up to 30 s) and
# SIGKILL if it is still there after STOP_TIMEOUT seconds (35).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
STATE_DIR=${STATE_DIR:-$ROOT/target/deploy-local}
STOP_TIMEOUT=${STOP_TIMEOUT:-35}

say() { printf 'down: %s\n' "$*" >&2; }

[ -d "$STATE_DIR" ] || { say "nothing to stop: no $STATE_DIR"; exit 0; }

# stop PIDFILE WHAT: stops the process the file names if it is still the one started (its
# command line names WHAT), then removes the file.
stop() {
  local file=$1 what=$2 pid
  pid=$(cat "$file" 2>/dev/null || true)
  if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
    && grep -qa "$what" "/proc/$pid/cmdline" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + STOP_TIMEOUT))
    while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
      say "killed $(basename "$file" .pid) (pid $pid): it did not stop in ${STOP_TIMEOUT}s"
    else
      say "stopped $(basename "$file" .pid) (pid $pid)"
    fi
  fi
  rm -f "$file"
}

# The balancer first, so no request is sent to a replica that is stopping.
[ -f "$STATE_DIR/haproxy.pid" ] && stop "$STATE_DIR/haproxy.pid" haproxy
for file in "$STATE_DIR"/replica-*.pid; do
  [ -e "$file" ] || continue
  stop "$file" coordmap &
done
wait
say "logs are in $STATE_DIR; the database is kept"
