#!/bin/sh
# One-shot run by the `temporal-schema` compose service (temporalio/admin-tools image) before the
# Temporal server starts: creates Temporal's two PostgreSQL databases and brings their schemas to
# the version this admin-tools image ships (the server image's own version). Safe to run again:
# an existing database is kept, and update-schema applies only the versions not yet applied.
# Env: SQL_PLUGIN, SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD (read by temporal-sql-tool itself),
#      TEMPORAL_DB (default temporal), TEMPORAL_VISIBILITY_DB (default temporal_visibility),
#      ORDERFLOW_DB (default orderflow: OrderFlow's read model, created empty; the worker and API migrate it).
set -eu

SCHEMA_ROOT=/etc/temporal/schema/postgresql/v12

log() { echo "[setup-schema] $*"; }

# database name, schema directory (temporal or visibility)
setup() {
  db="$1"; dir="$SCHEMA_ROOT/$2/versioned"
  temporal-sql-tool --db "$db" create-database
  # Version 0.0 only creates the schema-version bookkeeping; update-schema then applies every version.
  temporal-sql-tool --db "$db" setup-schema -v 0.0
  temporal-sql-tool --db "$db" update-schema -d "$dir"
  log "$db: schema up to date"
}

setup "${TEMPORAL_DB:-temporal}" temporal
setup "${TEMPORAL_VISIBILITY_DB:-temporal_visibility}" visibility
# The read model's database only: OrderFlow's worker and API create and migrate its tables themselves.
temporal-sql-tool --db "${ORDERFLOW_DB:-orderflow}" create-database
log "${ORDERFLOW_DB:-orderflow}: database in place (OrderFlow migrates it)"
