#!/bin/sh
# One-shot, after the server answers: the default namespace and Herald's search attributes
# (PostId, OrganizationId, IntegrationId, Provider, PublishAt). Idempotent.
set -eu
attempt=0
until temporal operator cluster health --address "$TEMPORAL_ADDRESS" | grep -q SERVING; do
  attempt=$((attempt + 1))
  [ "$attempt" -ge 60 ] && { echo "Temporal is not SERVING after 60 tries" >&2; exit 1; }
  sleep 2
done
temporal operator namespace describe --address "$TEMPORAL_ADDRESS" -n default >/dev/null 2>&1 ||
  temporal operator namespace create --address "$TEMPORAL_ADDRESS" -n default --retention 7d
for pair in PostId:Keyword OrganizationId:Keyword IntegrationId:Keyword Provider:Keyword PublishAt:Datetime; do
  name=${pair%%:*}; type=${pair##*:}
  temporal operator search-attribute list --address "$TEMPORAL_ADDRESS" -n default | grep -qw "$name" ||
    temporal operator search-attribute create --address "$TEMPORAL_ADDRESS" -n default --name "$name" --type "$type"
done
echo "Temporal namespace and Herald's search attributes are ready"
