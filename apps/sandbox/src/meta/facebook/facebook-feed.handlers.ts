import { paramBool, paramString, type Params } from '../../http/request-params.util';
import { invalidParameter } from '../graph/graph.errors';
import { assertFields, renderFields } from '../graph/graph-fields.util';
import { paginate } from '../graph/graph-paging.util';
import type { GraphCall } from '../graph/graph-route.types';
import type { ObjectOf } from '../graph/graph-objects';
import { metaState, type MetaDeps } from '../meta-deps.types';
import type { FbPost } from '../meta-state.types';
import { missingMessageOrAttachment } from './facebook.errors';
import { POST_DEFAULT_FIELDS, postFields } from './facebook-objects.view';
import { assertPagePublishable, newPostId, photoMedia, savePost } from './facebook-post.util';

const SCHEDULE_MIN_MS = 10 * 60_000;
const SCHEDULE_MAX_MS = 75 * 86_400_000;

/** `attached_media` as a JSON array, an array of JSON strings, or `attached_media[N]` form keys. */
function attachedMediaIds(params: Params): string[] {
  const entries: unknown[] = [];
  const whole = params.attached_media;
  if (typeof whole === 'string' && whole.trim() !== '') {
    try {
      entries.push(...(JSON.parse(whole) as unknown[]));
    } catch {
      throw invalidParameter('param attached_media must be a JSON array');
    }
  } else if (Array.isArray(whole)) {
    entries.push(...(whole as unknown[]));
  }
  const indexed = Object.keys(params)
    .map((key) => /^attached_media\[(\d+)\]$/.exec(key))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]));
  for (const match of indexed) entries.push(params[match[0]]);
  return entries.map((entry, index) => {
    let value: unknown = entry;
    if (typeof entry === 'string') {
      try {
        value = JSON.parse(entry);
      } catch {
        value = undefined;
      }
    }
    const id = value && typeof value === 'object' ? (value as { media_fbid?: unknown }).media_fbid : undefined;
    if (typeof id !== 'string' && typeof id !== 'number') throw invalidParameter(`param attached_media[${index}] must be an object with media_fbid`);
    return String(id);
  });
}

function scheduledTime(params: Params, published: boolean, now: Date): string | undefined {
  const raw = paramString(params, 'scheduled_publish_time');
  if (raw === undefined) return undefined;
  const at = /^\d+$/.test(raw) ? Number(raw) * 1000 : Date.parse(raw);
  const ahead = at - now.getTime();
  if (published || Number.isNaN(at) || ahead < SCHEDULE_MIN_MS || ahead > SCHEDULE_MAX_MS) {
    throw invalidParameter('The specified scheduled publish time is invalid.');
  }
  return new Date(at).toISOString();
}

/** POST /{page-id}/feed: a status, link or multi-photo post. */
export function createFeedPost(deps: MetaDeps, call: GraphCall, object: ObjectOf<'page'>): unknown {
  const state = metaState(deps);
  const page = object.record;
  assertPagePublishable(page);
  const message = paramString(call.params, 'message');
  const link = paramString(call.params, 'link');
  const mediaIds = attachedMediaIds(call.params);
  if (!message && !link && mediaIds.length === 0) throw missingMessageOrAttachment();
  if (link !== undefined && !/^https?:\/\/\S+$/i.test(link)) throw invalidParameter('link URL is not properly formatted');
  const photos = mediaIds.map((id, index) => {
    const photo = state.fbPhotos[id];
    if (!photo || photo.pageId !== page.id || photo.published) {
      throw invalidParameter(`param attached_media[${index}] has an invalid media_fbid ${id}`);
    }
    if (photo.postId) throw invalidParameter(`The photo ${id} is already attached to a post`);
    return photo;
  });
  const published = paramBool(call.params, 'published', true);
  const scheduled = scheduledTime(call.params, published, call.now);
  const post: FbPost = {
    id: newPostId(deps, page.id),
    pageId: page.id,
    kind: link ? 'link' : photos.length > 1 ? 'album' : photos.length === 1 ? 'photo' : 'status',
    source: 'feed',
    photoIds: photos.map((p) => p.id),
    published,
    createdAt: call.now.toISOString(),
  };
  if (message) post.message = message;
  if (link) post.link = link;
  if (scheduled) post.scheduledPublishTime = scheduled;
  // Graph honours `fields` on this POST (Postiz asks for permalink_url); check them before writing.
  assertFields(call.fields, postFields(state, post), 'PagePost');
  for (const photo of photos) photo.postId = post.id;
  savePost(deps, post, photos.map(photoMedia));
  return renderFields(call.fields, postFields(state, post), ['id'], 'PagePost');
}

/** GET /{page-id}/feed (and /posts, /published_posts): the Page's public posts, newest first. */
export function listFeed(deps: MetaDeps, call: GraphCall, object: ObjectOf<'page'>): unknown {
  const state = metaState(deps);
  const posts = Object.values(state.fbPosts)
    .filter((p) => p.pageId === object.record.id && p.published && !p.deletedAt)
    .reverse()
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const { page, paging } = paginate(posts, call.params, call.url);
  return { data: page.map((post) => renderFields(call.fields, postFields(state, post), POST_DEFAULT_FIELDS, 'PagePost')), paging };
}

/** DELETE /{post-id}. The admin API keeps listing the post, marked deleted. */
export function deletePost(deps: MetaDeps, call: GraphCall, object: ObjectOf<'post'>): unknown {
  const post = object.record;
  post.deletedAt = call.now.toISOString();
  for (const item of deps.store.data.published) {
    if (item.network === 'facebook' && item.id === post.id) item.deletedAt = post.deletedAt;
  }
  deps.store.changed();
  return { success: true };
}
