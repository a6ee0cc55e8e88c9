#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL 15 server on 127.0.0.1 (issue 12): a new cluster in a
# temporary folder (byte-order collation, UTF-8, fsync off), its address in PAINMDT_TEST_PG and
# the password in PGPASSWORD, how to restart it in PAINMDT_TEST_PG_RESTART; the server is stopped and its folder removed when the command ends,
# whatever it returns. As root, the server runs as the postgres user.
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]
set -euo pipefail
pgbin=/usr/lib/postgresql/15/bin
base=$(mktemp -d /tmp/painmdt-pg.XXXXXX)
port=${PAINMDT_PG_PORT:-$((55000 + RANDOM % 5000))}
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$base"
  as_owner=(runuser -u postgres --)
fi
stop() {
  "${as_owner[@]}" "$pgbin/pg_ctl" -D "$base/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$base"
}
trap stop EXIT
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$password" >"$base/pw"
[ "$(id -u)" -eq 0 ] && chown postgres "$base/pw"
chmod 600 "$base/pw"
"${as_owner[@]}" "$pgbin/initdb" -D "$base/data" -U painmdt --pwfile="$base/pw" --auth-local=trust \
  --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$base/initdb.log"
"${as_owner[@]}" "$pgbin/pg_ctl" -D "$base/data" -l "$base/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $base -c fsync=off -c max_connections=200" start >/dev/null
echo "== PostgreSQL 15 on 127.0.0.1:$port (throwaway, in $base)"
export PAINMDT_TEST_PG="postgresql://painmdt@127.0.0.1:$port" PGPASSWORD="$password"
# How a test restarts this server (tests tagged [restart]; pg_ctl keeps the options it started with).
export PAINMDT_TEST_PG_RESTART="${as_owner[*]} $pgbin/pg_ctl -D $base/data -l $base/log -w -m fast restart"
"$@"
