import {
  invalidParam,
  privacyLevelOptionMismatch,
  unauditedClientCanOnlyPostToPrivateAccounts,
} from '../tiktok.errors';
import { PRIVACY_LEVELS, type PrivacyLevel, type TikTokAccount, type TikTokPostInfo } from '../tiktok-state.types';
import { privacyOptions } from './tiktok-creator-info.handler';

export interface TextLimits {
  title: number;
  description?: number;
}

/** Video titles allow 2200 UTF-16 units; photo posts 90 for the title and 4000 for the description. */
export const VIDEO_TEXT_LIMITS: TextLimits = { title: 2200 };
export const PHOTO_TEXT_LIMITS: TextLimits = { title: 90, description: 4000 };

/** post_info as read, before its privacy_level is checked against the creator's options. */
export type ParsedPostInfo = TikTokPostInfo & { rawPrivacy?: unknown };

export function objectField(body: Record<string, unknown>, name: string, required: boolean): Record<string, unknown> {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) throw invalidParam(`${name} is required.`);
    return {};
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParam(`${name} must be an object.`);
  return value as Record<string, unknown>;
}

function optionalText(info: Record<string, unknown>, name: string, max: number | undefined): string | undefined {
  const value = info[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidParam(`post_info.${name} must be a string.`);
  // String length is in UTF-16 code units, which is how TikTok counts.
  if (max !== undefined && value.length > max) throw invalidParam(`post_info.${name} is ${value.length} characters long; the limit is ${max}.`);
  return value;
}

function flag(info: Record<string, unknown>, name: string): boolean {
  const value = info[name];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw invalidParam(`post_info.${name} must be true or false.`);
  return value;
}

/** Reads post_info, refusing wrong types and over-long texts with 400 invalid_param. */
export function parsePostInfo(body: Record<string, unknown>, limits: TextLimits): ParsedPostInfo {
  const info = objectField(body, 'post_info', false);
  const parsed: ParsedPostInfo = {
    title: optionalText(info, 'title', limits.title),
    description: optionalText(info, 'description', limits.description),
    disableComment: flag(info, 'disable_comment'),
    disableDuet: flag(info, 'disable_duet'),
    disableStitch: flag(info, 'disable_stitch'),
    brandContentToggle: flag(info, 'brand_content_toggle'),
    brandOrganicToggle: flag(info, 'brand_organic_toggle'),
    isAigc: flag(info, 'is_aigc'),
  };
  if (info.privacy_level !== undefined && info.privacy_level !== null) parsed.rawPrivacy = info.privacy_level;
  return parsed;
}

/**
 * The checks a direct post's privacy goes through: a level is required; an unaudited app may
 * post only SELF_ONLY to a private account; the level must be one the creator offers; and
 * branded content may not be SELF_ONLY (spec 4.9, the sandbox's choice).
 */
export function checkDirectPrivacy(account: TikTokAccount, info: ParsedPostInfo): PrivacyLevel {
  const options = privacyOptions(account);
  const raw = info.rawPrivacy;
  if (raw === undefined) throw privacyLevelOptionMismatch(undefined, options);
  const asked = typeof raw === 'string' ? raw : JSON.stringify(raw);
  if (account.unauditedApp && (!account.privateAccount || asked !== 'SELF_ONLY')) throw unauditedClientCanOnlyPostToPrivateAccounts();
  const level = (PRIVACY_LEVELS as readonly string[]).includes(asked) ? (asked as PrivacyLevel) : undefined;
  if (!level || !options.includes(level)) throw privacyLevelOptionMismatch(asked, options);
  if (info.brandContentToggle && level === 'SELF_ONLY') {
    throw invalidParam('Branded content (brand_content_toggle) cannot be posted with privacy_level SELF_ONLY.');
  }
  return level;
}

/** The stored post_info, without the raw privacy value. */
export function storedPostInfo(info: ParsedPostInfo, privacyLevel?: PrivacyLevel): TikTokPostInfo {
  const { rawPrivacy: _raw, ...rest } = info;
  const stored: TikTokPostInfo = { ...rest };
  if (privacyLevel) stored.privacyLevel = privacyLevel;
  for (const key of ['title', 'description'] as const) if (stored[key] === undefined) delete stored[key];
  return stored;
}
