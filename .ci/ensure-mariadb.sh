#!/usr/bin/env bash
# Make sure a MariaDB server answers on 127.0.0.1:3306 as root with an empty
# password, which is what the MariaDB test run (ZEREN_TEST_MARIADB_URL) expects.
#
# Idempotent, cheapest path first:
#   1. already answering over TCP  -> nothing to do (typical dev machine);
#   2. server not installed        -> apt-get install mariadb-server;
#   3. server not running          -> start mariadbd in the background;
#   4. TCP login still refused     -> Debian's root@localhost only accepts
#                                     unix_socket auth, so add an empty password.
# Must run as root (apt-get, start-stop-daemon, unix_socket login as root).
set -euo pipefail

readonly MARIADBD=/usr/sbin/mariadbd
readonly WAIT_SECONDS=60
# Only used when we start mariadbd ourselves: with --background its stderr is
# discarded, so send the error log somewhere we can show on failure.
readonly ERROR_LOG=/run/mysqld/ci-mariadbd.err

log() { echo "ensure-mariadb: $*"; }
die() { echo "ensure-mariadb: ERROR: $*" >&2; exit 1; }

# --connect-timeout keeps a half-up server from hanging CI; no -p, so the
# client never prompts (CI has no stdin anyway).
tcp_ok()    { mariadb --connect-timeout=5 -h127.0.0.1 -P3306 -uroot -e 'select 1' >/dev/null 2>&1; }
# Default unix socket (/run/mysqld/mysqld.sock); root gets in via unix_socket auth.
socket_ok() { mariadb --connect-timeout=5 -uroot -e 'select 1' >/dev/null 2>&1; }
have_client() { command -v mariadb >/dev/null 2>&1; }

# 1. Fast path: a server (ours or the machine's) is already usable.
if have_client && tcp_ok; then
  log "MariaDB already answers on 127.0.0.1:3306 as root"
else
  # 2. Install if the server or client binary is missing. The package's
  # postinst initialises /var/lib/mysql; whether it also starts the server
  # depends on policy-rc.d / init system, so starting is handled below.
  if [[ ! -x "$MARIADBD" ]] || ! have_client; then
    log "installing mariadb-server from apt"
    apt-get update
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y mariadb-server; then
      # postinst can fail merely because it could not start the service
      # (no init system in a container); only the binaries matter here.
      log "WARNING: apt-get install reported an error; continuing if the binaries are present"
    fi
    [[ -x "$MARIADBD" ]] || die "$MARIADBD still missing after apt-get install mariadb-server"
    have_client || die "mariadb client still missing after apt-get install mariadb-server"
  fi

  # 3. Start the server if it does not answer on its socket.
  if ! socket_ok; then
    # /run is usually a tmpfs, so the socket/pid directory may not exist.
    install -d -o mysql -g mysql -m 0755 /run/mysqld
    # Defensive: the package normally creates the system tables already.
    if [[ ! -d /var/lib/mysql/mysql ]]; then
      log "initialising data directory /var/lib/mysql"
      mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
    fi
    log "starting $MARIADBD"
    # --oknodo: succeed if an instance of that binary is already running
    # (e.g. still starting up); we then just wait for it below.
    start-stop-daemon --start --oknodo --background --exec "$MARIADBD" \
      -- --user=mysql --log-error="$ERROR_LOG"
  fi

  # Wait for the socket, then TCP (both open together once the server is
  # ready, but TCP may still be refused for auth reasons, handled below).
  deadline=$((SECONDS + WAIT_SECONDS))
  until socket_ok; do
    if ((SECONDS >= deadline)); then
      [[ -f "$ERROR_LOG" ]] && tail -n 30 "$ERROR_LOG" >&2
      die "MariaDB did not answer on its unix socket within ${WAIT_SECONDS}s"
    fi
    sleep 1
  done
  log "MariaDB answers on its unix socket"
  until tcp_ok || ((SECONDS >= deadline)); do sleep 1; done

  # 4. Debian's root@localhost is 'unix_socket' only, so a TCP login fails
  # even though the server is up: allow an empty password as well (keeping
  # unix_socket), and create the database named in ZEREN_TEST_MARIADB_URL.
  if ! tcp_ok; then
    log "enabling empty-password TCP login for root@localhost"
    mariadb -uroot -e "ALTER USER root@localhost IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket; CREATE DATABASE IF NOT EXISTS test;" \
      || die "could not reconfigure root@localhost over the unix socket"
  fi
fi

# Final check, exactly as the tests will connect. Also make sure the `test`
# database of ZEREN_TEST_MARIADB_URL exists even on the fast path (idempotent).
if ! mariadb --connect-timeout=5 -h127.0.0.1 -P3306 -uroot \
     -e 'CREATE DATABASE IF NOT EXISTS test; select version()'; then
  die "MariaDB is not usable as root with an empty password on 127.0.0.1:3306"
fi
log "MariaDB ready on 127.0.0.1:3306"
