import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Let an operator find a post's workflow in the Temporal UI (`PostId = "…"`). */
export const SEARCH_ATTRIBUTES = {
  PostId: defineSearchAttributeKey('PostId', SearchAttributeType.KEYWORD),
  OrganizationId: defineSearchAttributeKey('OrganizationId', SearchAttributeType.KEYWORD),
  IntegrationId: defineSearchAttributeKey('IntegrationId', SearchAttributeType.KEYWORD),
  Provider: defineSearchAttributeKey('Provider', SearchAttributeType.KEYWORD),
  PublishAt: defineSearchAttributeKey('PublishAt', SearchAttributeType.DATETIME),
} as const;

/** Name and CLI type name of every attribute, for registering them on a server. */
export const SEARCH_ATTRIBUTE_DEFINITIONS: ReadonlyArray<{ name: string; type: 'Keyword' | 'Datetime' }> = [
  { name: 'PostId', type: 'Keyword' },
  { name: 'OrganizationId', type: 'Keyword' },
  { name: 'IntegrationId', type: 'Keyword' },
  { name: 'Provider', type: 'Keyword' },
  { name: 'PublishAt', type: 'Datetime' },
];
