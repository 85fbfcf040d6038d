import { paramString } from '../../http/request-params.util';
import type { PublishedKind, PublishedMedia } from '../../state/published-item.types';
import { invalidParameter, missingParameter, unsupportedRequest } from '../graph/graph.errors';
import type { ObjectOf } from '../graph/graph-objects';
import type { GraphCall } from '../graph/graph-route.types';
import { randomShortcode } from '../meta-ids.util';
import { metaState, type MetaDeps } from '../meta-deps.types';
import type { IgContainer, IgMedia, MetaState } from '../meta-state.types';
import {
  containerAlreadyPublished,
  containerExpired,
  containerFailed,
  containerNotFound,
  mediaNotReady,
  publishQuotaReached,
} from './instagram.errors';
import { containerStatus } from './instagram-container-status';
import { mediaPermalink } from './instagram-media.view';
import { quotaUsage, recordPublish } from './instagram-quota.util';

/** POST /{ig-user-id}/media_publish: the one call that makes an Instagram post visible. */
export function publishContainer(deps: MetaDeps, call: GraphCall, object: ObjectOf<'igUser'>): unknown {
  const state = metaState(deps);
  const account = object.record;
  // Under an identity checkpoint (Page Publishing Authorization) Meta hides the account from
  // publishing: containers are still made, the publish answers "object does not exist".
  if (state.pages[account.pageId]?.identityCheckpoint) throw unsupportedRequest('POST', account.id);
  const creationId = paramString(call.params, 'creation_id');
  if (!creationId) throw missingParameter('creation_id');
  const container = state.igContainers[creationId];
  if (!container || container.igUserId !== account.id) throw containerNotFound(creationId);
  if (container.isCarouselItem) throw invalidParameter('A carousel item cannot be published on its own; publish its carousel');
  const status = containerStatus(state, container, call.now);
  switch (status.code) {
    case 'PUBLISHED':
      throw containerAlreadyPublished(container.id);
    case 'EXPIRED':
      throw containerExpired();
    case 'ERROR':
      throw containerFailed(status.subcode ?? 2207001);
    case 'IN_PROGRESS':
      throw mediaNotReady();
    case 'FINISHED':
      break;
  }
  // A carousel counts as one publish.
  if (quotaUsage(account, call.now) >= account.quotaTotal) throw publishQuotaReached();
  const media = createMedia(deps, state, container, call.now);
  recordPublish(account, call.now);
  deps.store.recordPublished({
    network: 'instagram',
    accountId: account.id,
    id: media.id,
    kind: publishedKind(container),
    text: media.caption ?? '',
    media: publishedMedia(state, media),
    permalink: mediaPermalink(media, account.username),
    createdAt: media.timestamp,
    containerId: container.id,
  });
  return { id: media.id };
}

function createMedia(deps: MetaDeps, state: MetaState, container: IgContainer, now: Date, parentId?: string): IgMedia {
  const media: IgMedia = {
    id: deps.newId(17),
    igUserId: container.igUserId,
    containerId: container.id,
    mediaType: container.mediaType === 'CAROUSEL' ? 'CAROUSEL_ALBUM' : container.videoUrl ? 'VIDEO' : 'IMAGE',
    productType: container.mediaType === 'REELS' ? 'REELS' : container.mediaType === 'STORIES' ? 'STORY' : 'FEED',
    shortcode: randomShortcode(),
    childIds: [],
    media: container.verdict?.ok ? [container.verdict.media] : [],
    timestamp: now.toISOString(),
  };
  if (container.caption !== undefined) media.caption = container.caption;
  if (parentId) media.parentId = parentId;
  state.igMedia[media.id] = media;
  container.publishedMediaId = media.id;
  for (const childId of container.childIds) {
    const child = state.igContainers[childId];
    if (child) media.childIds.push(createMedia(deps, state, child, now, media.id).id);
  }
  return media;
}

function publishedKind(container: IgContainer): PublishedKind {
  switch (container.mediaType) {
    case 'CAROUSEL':
      return 'carousel';
    case 'REELS':
      return 'reel';
    case 'STORIES':
      return 'story';
    case 'IMAGE':
    case 'VIDEO':
      return 'image';
  }
}

function publishedMedia(state: MetaState, media: IgMedia): PublishedMedia[] {
  const records = media.childIds.length > 0 ? media.childIds.flatMap((id) => state.igMedia[id]?.media ?? []) : media.media;
  return records.map((r) => ({ url: r.url, contentType: r.contentType, bytes: r.bytes }));
}
