import type { ContentIssue } from '@herald/domain';

export const TIKTOK_PRIVACY_LEVELS = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'] as const;
export type TikTokPrivacyLevel = (typeof TIKTOK_PRIVACY_LEVELS)[number];

/** The names TikTok's app shows for each visibility. */
export const TIKTOK_PRIVACY_LABELS: Record<TikTokPrivacyLevel, string> = {
  PUBLIC_TO_EVERYONE: 'Everyone',
  MUTUAL_FOLLOW_FRIENDS: 'Friends',
  FOLLOWER_OF_CREATOR: 'Followers',
  SELF_ONLY: 'Only me',
};

export const TIKTOK_PHOTO_TITLE_MAX = 90;

/** Postiz's TikTokDto (`post.settings`), read with Herald's defaults. */
export interface TikTokSettings {
  privacyLevel: string;
  /** Postiz's duet/stitch/comment mean "allow"; absent means not allowed (TikTok wants an opt-in). */
  allowDuet: boolean;
  allowStitch: boolean;
  allowComment: boolean;
  autoAddMusic: boolean;
  brandContent: boolean;
  brandOrganic: boolean;
  madeWithAi: boolean;
  /** Photo posts only. */
  title?: string;
  /** UPLOAD sends the post to the creator's TikTok inbox to finish in the app. */
  postingMethod: 'DIRECT_POST' | 'UPLOAD';
}

/** Reads the settings; `issues` names every field that is not what Postiz's DTO allows. */
export function readTikTokSettings(raw: Record<string, unknown>): { settings: TikTokSettings; issues: ContentIssue[] } {
  const issues: ContentIssue[] = [];
  const flag = (key: string): boolean => {
    const value = raw[key];
    if (value === undefined || value === null) return false;
    if (typeof value === 'boolean') return value;
    issues.push({ field: `settings.${key}`, message: 'must be true or false' });
    return false;
  };

  const privacy = raw['privacy_level'] ?? 'PUBLIC_TO_EVERYONE';
  const privacyLevel = typeof privacy === 'string' ? privacy : String(privacy);
  if (!(TIKTOK_PRIVACY_LEVELS as readonly string[]).includes(privacyLevel)) {
    issues.push({ field: 'settings.privacy_level', message: `must be one of ${TIKTOK_PRIVACY_LEVELS.join(', ')}` });
  }

  const music = raw['autoAddMusic'] ?? 'no';
  if (music !== 'yes' && music !== 'no' && typeof music !== 'boolean') {
    issues.push({ field: 'settings.autoAddMusic', message: 'must be "yes" or "no"' });
  }

  const method = raw['content_posting_method'] ?? 'DIRECT_POST';
  if (method !== 'DIRECT_POST' && method !== 'UPLOAD') {
    issues.push({ field: 'settings.content_posting_method', message: 'must be DIRECT_POST or UPLOAD' });
  }

  const rawTitle = raw['title'];
  let title: string | undefined;
  if (typeof rawTitle === 'string') title = rawTitle.trim() === '' ? undefined : rawTitle;
  else if (rawTitle !== undefined && rawTitle !== null) issues.push({ field: 'settings.title', message: 'must be text' });

  const settings: TikTokSettings = {
    privacyLevel,
    allowDuet: flag('duet'),
    allowStitch: flag('stitch'),
    allowComment: flag('comment'),
    autoAddMusic: music === 'yes' || music === true,
    brandContent: flag('brand_content_toggle'),
    brandOrganic: flag('brand_organic_toggle'),
    madeWithAi: flag('video_made_with_ai'),
    postingMethod: method === 'UPLOAD' ? 'UPLOAD' : 'DIRECT_POST',
  };
  if (title !== undefined) settings.title = title;
  return { settings, issues };
}

/** "Friends (MUTUAL_FOLLOW_FRIENDS), Only me (SELF_ONLY)". */
export function describePrivacyLevels(levels: readonly string[]): string {
  return levels
    .map((level) => {
      const label = TIKTOK_PRIVACY_LABELS[level as TikTokPrivacyLevel];
      return label ? `${label} (${level})` : level;
    })
    .join(', ');
}
