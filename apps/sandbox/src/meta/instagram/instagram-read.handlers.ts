import { paramString } from '../../http/request-params.util';
import { renderFields } from '../graph/graph-fields.util';
import { paginate } from '../graph/graph-paging.util';
import type { ObjectOf } from '../graph/graph-objects';
import type { GraphCall } from '../graph/graph-route.types';
import { metaState, type MetaDeps } from '../meta-deps.types';
import type { IgMedia } from '../meta-state.types';
import { instagramUserFields, mediaFields } from './instagram-media.view';
import { QUOTA_WINDOW_MS, quotaUsage } from './instagram-quota.util';

const newestFirst = (a: IgMedia, b: IgMedia) => b.timestamp.localeCompare(a.timestamp);

/** GET /{ig-user-id} (and /me on graph.instagram.com). */
export function readInstagramUser(deps: MetaDeps, call: GraphCall, object: ObjectOf<'igUser'>): unknown {
  return renderFields(call.fields, instagramUserFields(metaState(deps), object.record, call.host), ['id'], 'IGUser');
}

/** GET /{ig-media-id}. */
export function readMedia(deps: MetaDeps, call: GraphCall, object: ObjectOf<'igMedia'>): unknown {
  return renderFields(call.fields, mediaFields(metaState(deps), object.record), ['id'], 'IGMedia');
}

/**
 * GET /{ig-user-id}/media: what the account published to its feed and reels, newest first.
 * Herald reads it to learn whether a publish with an unknown outcome went through.
 */
export function listMedia(deps: MetaDeps, call: GraphCall, object: ObjectOf<'igUser'>): unknown {
  const state = metaState(deps);
  const items = Object.values(state.igMedia)
    .filter((m) => m.igUserId === object.record.id && !m.parentId && m.productType !== 'STORY')
    .reverse()
    .sort(newestFirst);
  const { page, paging } = paginate(items, call.params, call.url);
  return { data: page.map((m) => renderFields(call.fields, mediaFields(state, m), ['id'], 'IGMedia')), paging };
}

/** GET /{ig-user-id}/stories: stories still live (24 h). */
export function listStories(deps: MetaDeps, call: GraphCall, object: ObjectOf<'igUser'>): unknown {
  const state = metaState(deps);
  const from = call.now.getTime() - QUOTA_WINDOW_MS;
  const items = Object.values(state.igMedia)
    .filter((m) => m.igUserId === object.record.id && m.productType === 'STORY' && Date.parse(m.timestamp) > from)
    .reverse()
    .sort(newestFirst);
  const { page, paging } = paginate(items, call.params, call.url);
  return { data: page.map((m) => renderFields(call.fields, mediaFields(state, m), ['id'], 'IGMedia')), paging };
}

/** GET /{ig-user-id}/content_publishing_limit (spec 2.1); `since` narrows the count within the window. */
export function readPublishingLimit(_deps: MetaDeps, call: GraphCall, object: ObjectOf<'igUser'>): unknown {
  const account = object.record;
  const sinceRaw = paramString(call.params, 'since');
  const sinceMs = sinceRaw && /^\d+$/.test(sinceRaw) ? Number(sinceRaw) * 1000 : undefined;
  const entry = renderFields(
    call.fields,
    {
      quota_usage: () => quotaUsage(account, call.now, sinceMs),
      config: () => ({ quota_total: account.quotaTotal, quota_duration: QUOTA_WINDOW_MS / 1000 }),
    },
    ['quota_usage'],
    'ContentPublishingLimit',
  );
  return { data: [entry] };
}
