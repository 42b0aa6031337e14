#!/usr/bin/env bash
# Redis and PostgreSQL for the tests that run several console instances (issue 15).
#
#   . .ci/services.sh && services_start   # installs them with apt if absent, starts both on spare
#                                          # loopback ports, exports TEST_REDIS_URL and TEST_DATABASE_URL
#   services_stop                          # stops both (by their pid files) and removes their data
#
# Also runnable as a script: `bash .ci/services.sh start` prints the two export lines (for eval),
# `bash .ci/services.sh stop <state-dir>` stops them. apt does not start services here, so both
# are started by hand: redis-server daemonized with a pid file; PostgreSQL with initdb/pg_ctl as
# user postgres (initdb refuses root) in a data directory that user owns, trust auth on 127.0.0.1.

services__sudo() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

services__free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

services__pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$d" ] && echo "$d"
}

services__install() {
  local need=()
  command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
  [ -n "$(services__pg_bin)" ] || need+=(postgresql)
  [ ${#need[@]} -eq 0 ] && return 0
  echo "== installing Debian ${need[*]} (for the multi-instance tests)"
  services__sudo apt-get update -qq && services__sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
}

# As the PostgreSQL user: root must not run initdb; another user runs it as itself.
services__as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

services_start() {
  services__install || { echo "services: apt-get install failed"; return 1; }
  SERVICES_DIR=$(mktemp -d /tmp/console-services.XXXXXX)
  chmod 755 "$SERVICES_DIR"
  export SERVICES_DIR

  local rport pport pgbin
  rport=$(services__free_port)
  redis-server --port "$rport" --bind 127.0.0.1 --daemonize yes --pidfile "$SERVICES_DIR/redis.pid" \
    --dir "$SERVICES_DIR" --logfile "$SERVICES_DIR/redis.log" --save "" --appendonly no >/dev/null ||
    { echo "services: redis-server did not start"; return 1; }
  for _ in $(seq 50); do redis-cli -p "$rport" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -p "$rport" ping >/dev/null 2>&1 || { echo "services: redis-server is not answering"; cat "$SERVICES_DIR/redis.log"; return 1; }

  pgbin=$(services__pg_bin)
  pport=$(services__free_port)
  mkdir -p "$SERVICES_DIR/pg"
  if [ "$(id -u)" = 0 ]; then chown postgres "$SERVICES_DIR/pg"; fi
  services__as_pg "$pgbin/initdb" -D "$SERVICES_DIR/pg/data" -U postgres -A trust --no-sync >"$SERVICES_DIR/initdb.log" 2>&1 ||
    { echo "services: initdb failed"; cat "$SERVICES_DIR/initdb.log"; return 1; }
  services__as_pg "$pgbin/pg_ctl" -D "$SERVICES_DIR/pg/data" -l "$SERVICES_DIR/pg/postgres.log" -w -t 60 \
    -o "-p $pport -c listen_addresses=127.0.0.1 -k $SERVICES_DIR/pg -c fsync=off" start >/dev/null ||
    { echo "services: PostgreSQL did not start"; cat "$SERVICES_DIR/pg/postgres.log"; return 1; }

  export TEST_REDIS_URL="redis://127.0.0.1:$rport"
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$pport/postgres"
  echo "== services: Redis on 127.0.0.1:$rport, PostgreSQL on 127.0.0.1:$pport"
}

services_stop() {
  local dir="${1:-${SERVICES_DIR:-}}"
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  if [ -f "$dir/redis.pid" ]; then kill "$(cat "$dir/redis.pid")" 2>/dev/null; fi
  local pgbin
  pgbin=$(services__pg_bin)
  if [ -n "$pgbin" ] && [ -f "$dir/pg/data/postmaster.pid" ]; then
    services__as_pg "$pgbin/pg_ctl" -D "$dir/pg/data" -m fast -w stop >/dev/null 2>&1
  fi
  rm -rf "$dir"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "${1:-}" in
    start) services_start >&2 && echo "export TEST_REDIS_URL=$TEST_REDIS_URL TEST_DATABASE_URL=$TEST_DATABASE_URL SERVICES_DIR=$SERVICES_DIR" ;;
    stop) services_stop "${2:-}" ;;
    *) echo "usage: $0 start | stop <state-dir>" >&2; exit 2 ;;
  esac
fi
