# Starts a throwaway PostgreSQL on loopback (idempotent) and exports ConnectionStrings__Postgres.
# Source it: `. .ci/postgres.sh`. Recipe from shared/STACK.md.
PGPORT=${PGPORT:-55432}; PGDATA=${PGDATA:-/tmp/ci-pgdata}
command -v pg_ctlcluster >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
if ! "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT"; then
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA" && install -d -o postgres -g postgres -m 700 "$PGDATA"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 --no-sync >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $PGPORT -c unix_socket_directories=$PGDATA -c fsync=off -c max_connections=300" >/dev/null
fi
runuser -u postgres -- psql -h "$PGDATA" -p "$PGPORT" -v ON_ERROR_STOP=1 -q -d postgres <<'SQL'
SELECT 'CREATE ROLE app LOGIN CREATEDB PASSWORD ''app''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname='app')\gexec
SELECT 'CREATE DATABASE app OWNER app' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname='app')\gexec
SQL
export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PGPORT;Database=app;Username=app;Password=app"
