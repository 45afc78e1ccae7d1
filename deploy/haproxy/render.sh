#!/bin/sh
# Renders deploy/haproxy/haproxy.cfg.template to standard output.
#
#   render.sh BIND STATS_BIND NAME=ADDRESS:PORT...
#   render.sh 127.0.0.1:8080 127.0.0.1:8404 replica1=127.0.0.1:18081 replica2=127.0.0.1:18082
#
# POSIX sh and sed only, so it runs in the haproxy image as on the host. Placeholders are
# replaced outside comments only (the template's comments name them).
set -eu
[ $# -ge 3 ] || { echo "usage: $0 BIND STATS_BIND NAME=ADDRESS:PORT..." >&2; exit 2; }
bind=$1
stats=$2
shift 2
template=${TEMPLATE:-$(dirname "$0")/haproxy.cfg.template}
[ -r "$template" ] || { echo "$0: cannot read $template" >&2; exit 1; }
for server in "$@"; do
  case $server in
    ?*=?*:?*) ;;
    *) echo "$0: \`$server\` is not NAME=ADDRESS:PORT" >&2; exit 2 ;;
  esac
done

servers() {
  while IFS= read -r line; do
    case $line in
      *@SERVERS@*)
        case $line in
          *\#*) printf '%s\n' "$line" ;;
          *)
            indent=${line%%@SERVERS@*}
            for server in "$@"; do
              printf '%sserver %s %s\n' "$indent" "${server%%=*}" "${server#*=}"
            done
            ;;
        esac
        ;;
      *) printf '%s\n' "$line" ;;
    esac
  done
}

sed -e "/^[[:space:]]*#/!s|@BIND@|$bind|" -e "/^[[:space:]]*#/!s|@STATS_BIND@|$stats|" "$template" \
  | servers "$@"
