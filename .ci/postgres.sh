# Sourced by .ci/run: install (if missing) and start a PostgreSQL server on loopback for the
# API tests, then export GRAVIDA_TEST_DATABASE_URL. Idempotent and quick when already done:
# apt-get runs only when PostgreSQL is missing, the cluster is created only once, and
# starting a running cluster is a no-op. Needs root (as CI runs); elsewhere it does nothing.
gravida_start_postgres() {
    if [ "$(id -u)" != 0 ]; then
        echo "postgres: not root, skipping (PostgreSQL tests will be skipped)" >&2
        return 0
    fi
    if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || ! command -v pg_ctlcluster >/dev/null; then
        echo "postgres: installing from Debian's packages" >&2
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    local ver port
    ver=$(ls /usr/lib/postgresql | sort -V | tail -1)
    if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$ver main"; then
        pg_createcluster "$ver" main >/dev/null
    fi
    if ! pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $4}' | grep -q online; then
        pg_ctlcluster "$ver" main start
    fi
    port=$(pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $3}')
    for _ in $(seq 1 60); do
        pg_isready -q -h 127.0.0.1 -p "$port" && break
        sleep 0.5
    done
    local psql=(runuser -u postgres -- psql -p "$port" -qtAX -v ON_ERROR_STOP=1)
    if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'gravida'")" != 1 ]; then
        "${psql[@]}" -c "CREATE ROLE gravida LOGIN PASSWORD 'gravida'"
    fi
    if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'gravida_test'")" != 1 ]; then
        "${psql[@]}" -c "CREATE DATABASE gravida_test OWNER gravida"
    fi
    export GRAVIDA_TEST_DATABASE_URL="postgresql+psycopg://gravida:gravida@127.0.0.1:${port}/gravida_test"
    echo "postgres: $ver on 127.0.0.1:$port, GRAVIDA_TEST_DATABASE_URL set" >&2
}
gravida_start_postgres
