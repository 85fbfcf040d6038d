import type { MediaRef } from '@herald/domain';
import { isJsonObject, stringField } from '../json-fields.util';
import type { GraphParams } from '../meta/graph-client';
import type { PublishablePost } from '../provider-adapter';
import { refusedBeforeSending } from '../provider-failure.util';

export type InstagramFormat = 'image' | 'reel' | 'story' | 'carousel';

/** What to create for one post: the containers of `prepare`, and for a carousel its parent. */
export interface InstagramPlan {
  format: InstagramFormat;
  containers: GraphParams[];
  /** Carousel only: the parent is created once its children are processed (see InstagramAdapter.check). */
  parent?: { caption?: string; collaborators: string[] };
}

const MAX_CAROUSEL_ITEMS = 10;

/**
 * Decides the Instagram format from the media and Postiz-compatible settings: one image is an
 * image post, one video a reel, 2-10 items a carousel, and `post_type: 'story'` a story.
 */
export function planInstagramPublish(post: PublishablePost): InstagramPlan {
  const { media } = post;
  const caption = post.content.trim() === '' ? undefined : post.content;
  const collaborators = collaboratorsOf(post.settings);
  const isStory = post.settings['post_type'] === 'story';

  if (media.length === 0) {
    throw refusedBeforeSending('VALIDATION', 'Instagram needs an image or a video in every post.');
  }
  if (isStory) {
    if (media.length > 1) {
      throw refusedBeforeSending('VALIDATION', 'An Instagram story takes one image or video: split the media into separate posts.');
    }
    // Stories take no caption and no collaborators.
    return { format: 'story', containers: [{ ...mediaSource(media[0]!), media_type: 'STORIES' }] };
  }
  if (media.length === 1) {
    const item = media[0]!;
    const shared = { caption, collaborators: collaborators.length > 0 ? collaborators : undefined };
    return item.kind === 'video'
      ? { format: 'reel', containers: [{ video_url: item.path, media_type: 'REELS', ...shared }] }
      : { format: 'image', containers: [{ image_url: item.path, ...shared }] };
  }
  if (media.length > MAX_CAROUSEL_ITEMS) {
    throw refusedBeforeSending('VALIDATION', `An Instagram carousel takes at most ${MAX_CAROUSEL_ITEMS} items.`);
  }
  // Children carry neither caption nor collaborators: Instagram refuses them there.
  const children = media.map((item): GraphParams => ({
    ...(item.kind === 'video' ? { video_url: item.path, media_type: 'VIDEO' } : { image_url: item.path }),
    is_carousel_item: true,
  }));
  return { format: 'carousel', containers: children, parent: { caption, collaborators } };
}

function mediaSource(item: MediaRef): GraphParams {
  return item.kind === 'video' ? { video_url: item.path } : { image_url: item.path };
}

/** Postiz sends `collaborators: [{ label }]`; Instagram wants bare usernames (a leading @ is refused). */
function collaboratorsOf(settings: Record<string, unknown>): string[] {
  const raw = settings['collaborators'];
  if (!Array.isArray(raw)) return [];
  return raw
    .map((entry: unknown) => (typeof entry === 'string' ? entry : isJsonObject(entry) ? stringField(entry, 'label') : undefined))
    .map((name) => name?.trim().replace(/^@+/, '') ?? '')
    .filter((name) => name !== '');
}
