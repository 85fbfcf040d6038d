#!/bin/sh
# Service temporal-setup (temporalio/admin-tools, one-shot): once Temporal serves, makes sure
# Herald's namespace and search attributes exist. Herald's API and workers wait for this job to
# succeed, so they never start against a Temporal that would refuse their workflows.
# Idempotent: it only adds what is missing. An attribute that exists with another type stops it
# with an error, since Herald's queries on that attribute would fail.
set -eu

: "${TEMPORAL_ADDRESS:?TEMPORAL_ADDRESS is required (host:port of the frontend)}"
NAMESPACE=${TEMPORAL_NAMESPACE:-default}
RETENTION=${TEMPORAL_NAMESPACE_RETENTION:-7d}
# name:type, as in libs/contracts/src/search-attributes.ts (and DECISIONS.md).
ATTRIBUTES="PostId:Keyword OrganizationId:Keyword IntegrationId:Keyword Provider:Keyword PublishAt:Datetime"
MAX_TRIES=${SETUP_MAX_TRIES:-60}

# Compose already waited for temporal-admin-tools to report SERVING; this loop covers running
# the script by hand, and a server that restarted in between.
tries=0
until temporal operator cluster health --address "$TEMPORAL_ADDRESS" 2>/dev/null | grep -q SERVING; do
  tries=$((tries + 1))
  if [ "$tries" -ge "$MAX_TRIES" ]; then
    echo "temporal-setup: Temporal at $TEMPORAL_ADDRESS is not SERVING after $tries tries" >&2
    exit 1
  fi
  sleep 2
done

if temporal operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" >/dev/null 2>&1; then
  echo "temporal-setup: namespace $NAMESPACE exists"
else
  temporal operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" --retention "$RETENTION"
  echo "temporal-setup: namespace $NAMESPACE created (retention $RETENTION)"
fi

# The type an attribute has in the namespace, empty when it has none. The text listing has one
# "Name Type" row per attribute. A namespace created a moment ago is "not found" by this call
# until the frontend's namespace cache refreshes (seconds), so it is retried.
attribute_type() {
  attempt=0
  until listing=$(temporal operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" 2>&1); do
    attempt=$((attempt + 1))
    if [ "$attempt" -ge "$MAX_TRIES" ]; then
      echo "temporal-setup: cannot list the search attributes of $NAMESPACE: $listing" >&2
      return 1
    fi
    sleep 2
  done
  printf '%s\n' "$listing" | awk -v n="$1" '$1 == n { print $2 }'
}

for pair in $ATTRIBUTES; do
  name=${pair%%:*}
  type=${pair#*:}
  current=$(attribute_type "$name")
  if [ -z "$current" ]; then
    temporal operator search-attribute create --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" --name "$name" --type "$type"
    echo "temporal-setup: search attribute $name ($type) created"
  elif [ "$current" = "$type" ]; then
    echo "temporal-setup: search attribute $name ($type) exists"
  else
    echo "temporal-setup: search attribute $name exists as $current, Herald needs $type" >&2
    exit 1
  fi
done

echo "temporal-setup: done"
