#!/usr/bin/env bash
# Starts a private PostgreSQL for the tests on 127.0.0.1:55432 (Debian's package, installed when
# missing), with a role `edc` that may create databases, and prints its URL. Idempotent: a
# server already answering there is reused. Data lives outside the clone, in
# ${EDC_PG_DIR:-/var/tmp/edc-pg-PORT} (readable by the postgres user when run as root).
set -euo pipefail
port="${EDC_PG_PORT:-55432}"
dir="${EDC_PG_DIR:-/var/tmp/edc-pg-$port}"
url="postgres://edc@127.0.0.1:${port}/postgres"

bin=""
find_bin() { bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"; }
find_bin
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "installing PostgreSQL (Debian's postgresql package)" >&2
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q postgresql >/dev/null 2>&1; then
        apt-get update -q >/dev/null 2>&1 || true
        apt-get install -y -q postgresql >/dev/null
    fi
    find_bin
fi

# The server refuses to run as root: run it as the postgres user (or the current one).
as_db=()
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home "$dir" postgres
    as_db=(runuser -u postgres --)
fi

if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
    echo "$url"
    exit 0
fi
if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    "${as_db[@]}" "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 >/dev/null
fi
[ "$(id -u)" = 0 ] && chown -R postgres "$dir"
"${as_db[@]}" "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" start >/dev/null
"$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'edc') THEN CREATE ROLE edc LOGIN CREATEDB; END IF; END \$\$;" >/dev/null
echo "$url"
