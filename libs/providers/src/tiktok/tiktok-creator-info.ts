import { isJsonObject, numberField, stringArray, stringField } from '../json-fields.util';

/** What `creator_info/query` says the creator may post right now (spec 4.3). */
export interface TikTokCreatorInfo {
  username?: string;
  nickname?: string;
  avatarUrl?: string;
  /** The visibilities this account allows; a private account has no PUBLIC_TO_EVERYONE. */
  privacyLevelOptions: string[];
  commentDisabled: boolean;
  duetDisabled: boolean;
  stitchDisabled: boolean;
  maxVideoPostDurationSec?: number;
}

export function parseCreatorInfo(data: unknown): TikTokCreatorInfo {
  const info: TikTokCreatorInfo = {
    privacyLevelOptions: stringArray(isJsonObject(data) ? data['privacy_level_options'] : undefined),
    // Anything but an explicit false counts as disabled: TikTok forbids offering what it disabled.
    commentDisabled: flag(data, 'comment_disabled'),
    duetDisabled: flag(data, 'duet_disabled'),
    stitchDisabled: flag(data, 'stitch_disabled'),
  };
  const username = stringField(data, 'creator_username');
  const nickname = stringField(data, 'creator_nickname');
  const avatarUrl = stringField(data, 'creator_avatar_url');
  const maxDuration = numberField(data, 'max_video_post_duration_sec');
  if (username) info.username = username;
  if (nickname) info.nickname = nickname;
  if (avatarUrl) info.avatarUrl = avatarUrl;
  if (maxDuration !== undefined && maxDuration > 0) info.maxVideoPostDurationSec = maxDuration;
  return info;
}

function flag(data: unknown, key: string): boolean {
  return !isJsonObject(data) || data[key] !== false;
}
