import type { PreparedPublish } from '@herald/domain';
import { stringArray } from '../json-fields.util';
import type { PublishablePost } from '../provider-adapter';
import { refusedBeforeSending } from '../provider-failure.util';

/**
 * text: a feed post (with the link from settings.url, if any); photos: unpublished photos
 * attached to one feed post; video: one video published through /videos.
 */
export type FacebookFormat = 'text' | 'photos' | 'video';

export interface FacebookPlan {
  format: FacebookFormat;
  photoUrls: string[];
  videoUrl?: string;
}

/** What `prepare` leaves for `commit` (plain JSON in Temporal history: no tokens). */
export interface FacebookPrepared {
  format: FacebookFormat;
  photoIds: string[];
}

const FORMATS: readonly FacebookFormat[] = ['text', 'photos', 'video'];

export function planFacebookPost(post: PublishablePost): FacebookPlan {
  const videos = post.media.filter((item) => item.kind === 'video');
  if (videos.length === 0) {
    const photoUrls = post.media.map((item) => item.path);
    return { format: photoUrls.length > 0 ? 'photos' : 'text', photoUrls };
  }
  if (videos.length > 1 || post.media.length > 1) {
    throw refusedBeforeSending(
      'VALIDATION',
      'A Facebook post takes one video on its own, or photos: split the media into separate posts.',
    );
  }
  return { format: 'video', photoUrls: [], videoUrl: videos[0]!.path };
}

/** The link of a link post (Postiz's `settings.url`), when it is one. */
export function linkOf(settings: Record<string, unknown>): string | undefined {
  const url = settings['url'];
  return typeof url === 'string' && url.trim() !== '' ? url.trim() : undefined;
}

export function readFacebookPrepared(prepared: PreparedPublish): FacebookPrepared {
  const format = FORMATS.find((candidate) => candidate === prepared.data['format']);
  const photoIds = stringArray(prepared.data['photoIds']);
  if (!format || (format === 'photos' && photoIds.length === 0)) {
    throw refusedBeforeSending('INTERNAL', 'The prepared Facebook post is incomplete; Herald must prepare it again.');
  }
  return { format, photoIds };
}
