#!/bin/sh
# Service temporal-schema (temporalio/admin-tools, one-shot): creates Temporal's database schema
# and its Elasticsearch visibility index, or brings them up to date. Runs at every
# `docker compose up`, so every step is idempotent:
# - temporal-sql-tool create ignores "database already exists";
# - setup-schema -v 0.0 only writes the version tables of a new database;
# - update-schema applies only the versions the database lacks (a newer image upgrades it);
# - the Elasticsearch template is a PUT, and the index is created only when it is missing.
# Any real failure (database or Elasticsearch unreachable, a migration that fails) exits non-zero,
# so the server, which waits for this job to succeed, does not start on a half-made schema.
set -eu

: "${SQL_PLUGIN:?SQL_PLUGIN is required (postgres12)}"
: "${SQL_HOST:?SQL_HOST is required (Temporal's Postgres host)}"
: "${SQL_PORT:=5432}"
: "${SQL_USER:?SQL_USER is required}"
: "${SQL_PASSWORD:?SQL_PASSWORD is required}"
: "${SQL_DATABASE:=temporal}"
: "${ES_SERVER:?ES_SERVER is required (http://host:9200)}"
: "${ES_VISIBILITY_INDEX:?ES_VISIBILITY_INDEX is required (the server's ES_VIS_INDEX)}"
# The password stays in the environment (SQL_PASSWORD), which temporal-sql-tool reads, instead of
# appearing on a command line.
export SQL_PASSWORD

SCHEMA_DIR=/etc/temporal/schema/postgresql/v12/temporal/versioned

sql_tool() {
  temporal-sql-tool --plugin "$SQL_PLUGIN" --ep "$SQL_HOST" -p "$SQL_PORT" -u "$SQL_USER" --db "$SQL_DATABASE" "$@"
}

echo "temporal-schema: database $SQL_DATABASE on $SQL_HOST:$SQL_PORT"
sql_tool create
sql_tool setup-schema -v 0.0
sql_tool update-schema -d "$SCHEMA_DIR"

echo "temporal-schema: Elasticsearch template and index $ES_VISIBILITY_INDEX on $ES_SERVER"
temporal-elasticsearch-tool --ep "$ES_SERVER" setup-schema
# create-index fails on an index that exists, so ask Elasticsearch first (busybox wget: the
# admin-tools image has no curl).
if wget -q --spider "$ES_SERVER/$ES_VISIBILITY_INDEX"; then
  echo "temporal-schema: index $ES_VISIBILITY_INDEX exists"
else
  temporal-elasticsearch-tool --ep "$ES_SERVER" create-index --index "$ES_VISIBILITY_INDEX"
fi

echo "temporal-schema: done"
