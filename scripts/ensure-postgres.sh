#!/usr/bin/env bash
# Makes sure PostgreSQL's server binaries are installed for the PostgreSQL test suites, which start a throwaway cluster
# of their own: installs Debian's package when initdb cannot be found. CI runs as root with Debian's repositories.
set -euo pipefail

have_postgres() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then return 0; fi
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}

if have_postgres; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "PostgreSQL is not installed, and installing it needs root and apt-get: the PostgreSQL test suites will be skipped" >&2
  exit 0
fi
# The tests need only the binaries: no default cluster started in the background.
if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
  mkdir -p /etc/postgresql-common
  echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf
fi
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
have_postgres
