# What bench/load.sh and deploy/local/bench.sh share: the defaults of the variables both take
# (docs/BENCHMARKS.md lists them), the binaries, messages, the check of CACHE_MODES and the
# release build. Sourced, not run; ROOT is the repository, set by the script that sources it.

N=${N:-200}
SEED=${SEED:-1}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}             # of wrk
DURATION=${DURATION:-15}          # seconds of measurement per operation
WARMUP=${WARMUP:-3}               # seconds of warm-up per operation
MAX_REQUESTS=${MAX_REQUESTS:-200000}
# The server's response cache: `on` runs with its default size (COORDMAP_RESPONSE_CACHE_MB
# unset), `off` with COORDMAP_RESPONSE_CACHE_MB=0. Every operation runs once per mode.
CACHE_MODES=${CACHE_MODES:-"on off"}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
HOST=127.0.0.1
WORK=${WORK:-$ROOT/target/bench}
# SKIP_BUILD=1 uses the binaries as they are.
BIN=${BIN:-$ROOT/target/release/coordmap}
# The synthetic dataset is seeded by the dev-only bench crate's binary, not the server's.
SEED_BIN=${SEED_BIN:-$ROOT/target/release/coordmap-bench}
SECRET="bench-secret-$(date +%s)-of-at-least-thirty-two-bytes"
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

for mode in $CACHE_MODES; do
  case $mode in
    on | off) ;;
    *) die "unknown cache mode $mode in CACHE_MODES (on or off)" ;;
  esac
done
[ -n "${CACHE_MODES// /}" ] || die "CACHE_MODES is empty (on, off or both)"

# Builds the server and the seeding tool in release mode, unless SKIP_BUILD=1.
build_release() {
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    say "building the release binaries"
    (cd "$ROOT" && cargo build --release --quiet --bin coordmap \
      && cargo build --release --quiet -p coordmap-bench --bin coordmap-bench)
  fi
  [ -x "$BIN" ] || die "no coordmap binary at $BIN"
  [ -x "$SEED_BIN" ] || die "no coordmap-bench binary at $SEED_BIN"
}
