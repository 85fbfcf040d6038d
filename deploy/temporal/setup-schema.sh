#!/bin/sh
# One-shot: creates Temporal's databases and brings their schemas up to date, and creates the
# Elasticsearch visibility index. Safe to run again (create fails harmlessly when it exists).
set -eu
SCHEMA=/etc/temporal/schema/postgresql/v12
for db in temporal; do
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -u "$POSTGRES_USER" --pw "$POSTGRES_PWD" -p 5432 --db "$db" create || true
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -u "$POSTGRES_USER" --pw "$POSTGRES_PWD" -p 5432 --db "$db" setup-schema -v 0.0
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -u "$POSTGRES_USER" --pw "$POSTGRES_PWD" -p 5432 --db "$db" update-schema -d "$SCHEMA/temporal/versioned"
done
temporal-elasticsearch-tool --ep "$ES_SERVER" setup-schema || true
temporal-elasticsearch-tool --ep "$ES_SERVER" create-index --index "$ES_VISIBILITY_INDEX" || true
