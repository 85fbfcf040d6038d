import type { MediaKind, MediaRef } from './media.types';
import type { ProviderId } from './provider.types';

/** What a network accepts in one post. Limits come from reference/provider-apis.md. */
export interface ProviderRules {
  /** Maximum caption length, counted in UTF-16 code units as the networks count them. */
  maxLength: number;
  minMedia: number;
  maxMedia: number;
  mediaKinds: readonly MediaKind[];
  /** Lower-case file extensions the network takes, checked when the URL names one. */
  imageExtensions: readonly string[];
  videoExtensions: readonly string[];
  maxHashtags?: number;
}

export const PROVIDER_RULES: Record<ProviderId, ProviderRules> = {
  facebook: {
    maxLength: 63206,
    minMedia: 0,
    maxMedia: 10,
    mediaKinds: ['image', 'video'],
    imageExtensions: ['.jpg', '.jpeg', '.png', '.gif', '.webp'],
    videoExtensions: ['.mp4'],
  },
  instagram: {
    maxLength: 2200,
    minMedia: 1,
    maxMedia: 10,
    mediaKinds: ['image', 'video'],
    imageExtensions: ['.jpg', '.jpeg'],
    videoExtensions: ['.mp4', '.mov'],
    maxHashtags: 30,
  },
  'instagram-standalone': {
    maxLength: 2200,
    minMedia: 1,
    maxMedia: 10,
    mediaKinds: ['image', 'video'],
    imageExtensions: ['.jpg', '.jpeg'],
    videoExtensions: ['.mp4', '.mov'],
    maxHashtags: 30,
  },
  tiktok: {
    maxLength: 2200,
    minMedia: 1,
    maxMedia: 35,
    mediaKinds: ['image', 'video'],
    imageExtensions: ['.jpg', '.jpeg', '.webp'],
    videoExtensions: ['.mp4'],
  },
};

export interface ContentIssue {
  /** Path relative to the post item, e.g. `content` or `image[1].path`. */
  field: string;
  message: string;
}

export interface PostContentInput {
  content: string;
  media: readonly MediaRef[];
  /** Provider settings as sent (Postiz DTO fields), e.g. Instagram `post_type`. */
  settings?: Readonly<Record<string, unknown>>;
}

function extensionOf(path: string): string | undefined {
  let pathname = path;
  try {
    pathname = new URL(path).pathname;
  } catch {
    // relative or malformed: the URL check reports it
  }
  const match = /\.([a-z0-9]{1,5})$/i.exec(pathname);
  return match ? `.${match[1]!.toLowerCase()}` : undefined;
}

/** Checks one post item against its network's rules; an empty list means it may be scheduled. */
export function validatePostContent(provider: ProviderId, input: PostContentInput): ContentIssue[] {
  const rules = PROVIDER_RULES[provider];
  const issues: ContentIssue[] = [];
  const text = input.content;

  if (text.trim() === '' && input.media.length === 0) {
    issues.push({ field: 'content', message: 'is empty: write some text or attach media' });
  }
  if (text.length > rules.maxLength) {
    issues.push({ field: 'content', message: `is ${text.length} characters long; this network allows ${rules.maxLength}` });
  }
  if (rules.maxHashtags !== undefined) {
    const hashtags = text.match(/#[\p{L}\p{N}_]+/gu)?.length ?? 0;
    if (hashtags > rules.maxHashtags) {
      issues.push({ field: 'content', message: `has ${hashtags} hashtags; this network allows ${rules.maxHashtags}` });
    }
  }
  if (input.media.length < rules.minMedia) {
    issues.push({ field: 'image', message: `this network needs at least ${rules.minMedia} image or video` });
  }
  if (input.media.length > rules.maxMedia) {
    issues.push({ field: 'image', message: `has ${input.media.length} items; this network allows ${rules.maxMedia}` });
  }

  input.media.forEach((media, index) => {
    const field = `image[${index}].path`;
    let url: URL | undefined;
    try {
      url = new URL(media.path);
    } catch {
      issues.push({ field, message: 'must be an absolute http(s) URL' });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      issues.push({ field, message: 'must be an absolute http(s) URL' });
      return;
    }
    if (!rules.mediaKinds.includes(media.kind)) {
      issues.push({ field, message: `this network does not take ${media.kind}s` });
      return;
    }
    const ext = extensionOf(media.path);
    const allowed = media.kind === 'video' ? rules.videoExtensions : rules.imageExtensions;
    const mimeOk = media.mimeType === undefined || allowed.some((e) => mimeMatches(media.mimeType!, e));
    if ((ext !== undefined && media.mimeType === undefined && !allowed.includes(ext)) || !mimeOk) {
      issues.push({
        field,
        message: `this network takes ${media.kind}s as ${allowed.map((e) => e.slice(1).toUpperCase()).join(', ')} only`,
      });
    }
  });

  issues.push(...networkMediaIssues(provider, input));
  return issues;
}

const INSTAGRAM_MIN_RATIO = 4 / 5;
const INSTAGRAM_MAX_RATIO = 1.91;

/** Rules that depend on the mix of media and on the post kind, per network. */
function networkMediaIssues(provider: ProviderId, { media, settings }: PostContentInput): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const videos = media.filter((m) => m.kind === 'video');
  switch (provider) {
    case 'facebook':
      if (videos.length > 0 && media.length > 1) {
        issues.push({ field: 'image', message: 'a Facebook post takes one video on its own, or up to 10 photos' });
      }
      break;
    case 'instagram':
    case 'instagram-standalone': {
      const story = settings?.['post_type'] === 'story';
      if (story && media.length > 1) issues.push({ field: 'image', message: 'an Instagram story takes exactly one image or video' });
      const carousel = !story && media.length > 1;
      media.forEach((m, index) => {
        const field = `image[${index}]`;
        if (m.kind === 'image' && !story && m.width && m.height) {
          const ratio = m.width / m.height;
          if (ratio < INSTAGRAM_MIN_RATIO - 0.005 || ratio > INSTAGRAM_MAX_RATIO + 0.005) {
            issues.push({ field, message: `is ${m.width}×${m.height}; Instagram takes images between 4:5 and 1.91:1: crop it` });
          }
        }
        if (m.kind === 'video' && m.durationMs !== undefined) {
          const seconds = m.durationMs / 1000;
          const [min, max, what] = story ? [3, 60, 'a story video'] : carousel ? [3, 60, 'a carousel video'] : [3, 900, 'a reel'];
          if (seconds < min || seconds > max) {
            issues.push({ field, message: `lasts ${seconds.toFixed(1)} s; Instagram takes ${what} of ${min} to ${max} seconds` });
          }
        }
      });
      break;
    }
    case 'tiktok':
      if (videos.length > 0 && media.length > 1) {
        issues.push({ field: 'image', message: 'a TikTok post takes one video on its own, or up to 35 photos' });
      }
      if (videos.length === 0 && typeof settings?.['title'] === 'string' && settings['title'].length > 90) {
        issues.push({ field: 'settings.title', message: `is ${settings['title'].length} characters long; TikTok photo titles allow 90` });
      }
      break;
  }
  return issues;
}

const MIME_BY_EXTENSION: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
};

function mimeMatches(mimeType: string, extension: string): boolean {
  return MIME_BY_EXTENSION[extension] === mimeType.toLowerCase();
}
