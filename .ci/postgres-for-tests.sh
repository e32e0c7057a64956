#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages, starts it on loopback and creates the role the
# platform's PostgreSQL test run logs in as (rdk / rdk, allowed to create one database per test).
# Idempotent: safe to run on a machine where it already ran. Prints the JDBC URL of the server.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

if ! command -v pg_lsclusters >/dev/null; then
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >&2
fi
# Debian creates a cluster when the package is installed; make one if this machine has none.
if [ -z "$(pg_lsclusters -h)" ]; then
  $SUDO pg_createcluster "$(ls /usr/lib/postgresql | sort -V | tail -1)" main >&2
fi
read -r version cluster port status _ < <(pg_lsclusters -h | head -1)
# A server that was not stopped cleanly (the machine went down with it) replays its WAL and
# checkpoints before it accepts connections; on busy cores that took longer than pg_ctl's default
# 60 s once, and the whole CI run failed on "server did not start in time" while the server was
# still coming up. So pg_ctl waits up to 5 minutes, and then pg_isready decides.
if [ "$status" != "online" ]; then
  $SUDO pg_ctlcluster "$version" "$cluster" start -- -t 300 >&2 \
    || echo "pg_ctlcluster start did not confirm the start; waiting for the server" >&2
fi
ready=""
for _ in $(seq 1 300); do
  if pg_isready -q -h 127.0.0.1 -p "$port"; then ready=yes; break; fi
  sleep 1
done
if [ -z "$ready" ]; then
  echo "PostgreSQL $version/$cluster on port $port did not accept connections within 300 s" >&2
  tail -20 "/var/log/postgresql/postgresql-$version-$cluster.log" >&2 || true
  exit 1
fi
as_postgres psql -q -p "$port" -v ON_ERROR_STOP=1 <<'SQL' >&2
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rdk') THEN
    CREATE ROLE rdk LOGIN PASSWORD 'rdk' CREATEDB;
  END IF;
END $$;
SQL
echo "jdbc:postgresql://127.0.0.1:$port/"
