import type { ProviderId } from './provider.types';

/** One setting, in the subset of JSON Schema (draft 2020-12) that the settings need. */
export interface SettingSchema {
  type?: 'string' | 'boolean' | 'array' | 'object';
  enum?: ReadonlyArray<string | boolean>;
  default?: string | boolean;
  format?: 'uri';
  maxLength?: number;
  items?: SettingSchema;
  anyOf?: readonly SettingSchema[];
  properties?: Readonly<Record<string, SettingSchema>>;
  required?: readonly string[];
  description?: string;
}

/** A network's `settings` object (Postiz's provider DTO) as a JSON Schema, for GET /integration-settings/:id. */
export interface ProviderSettingsSchema {
  type: 'object';
  properties: Readonly<Record<string, SettingSchema>>;
  /** Unknown settings are kept with the post and ignored when publishing, as Postiz does. */
  additionalProperties: true;
}

/**
 * TikTok's visibilities, as creator_info names them. libs/providers' readTikTokSettings checks
 * the same list (a spec in apps/api compares the two); the account's own options narrow it.
 */
export const TIKTOK_PRIVACY_LEVEL_VALUES = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'] as const;

const flag = (description: string): SettingSchema => ({ type: 'boolean', default: false, description });

const FACEBOOK: ProviderSettingsSchema = {
  type: 'object',
  properties: {
    url: { type: 'string', format: 'uri', description: 'Makes a text post a link post with this link.' },
  },
  additionalProperties: true,
};

const INSTAGRAM: ProviderSettingsSchema = {
  type: 'object',
  properties: {
    post_type: {
      type: 'string',
      enum: ['post', 'story'],
      default: 'post',
      description: 'post: an image, a reel or a carousel, from the media; story: one image or video as a story.',
    },
    collaborators: {
      type: 'array',
      // Postiz's composer sends [{ label }]; a bare username works too. A leading @ is dropped.
      items: {
        anyOf: [
          { type: 'string' },
          { type: 'object', properties: { label: { type: 'string' } }, required: ['label'] },
        ],
      },
      description: 'Instagram usernames invited as collaborators (not on stories or carousel items).',
    },
  },
  additionalProperties: true,
};

const TIKTOK: ProviderSettingsSchema = {
  type: 'object',
  properties: {
    privacy_level: {
      type: 'string',
      enum: TIKTOK_PRIVACY_LEVEL_VALUES,
      default: 'PUBLIC_TO_EVERYONE',
      description: "Who may see the post; must be one of the levels the account offers (its creator_info).",
    },
    comment: flag('Allow comments.'),
    duet: flag('Allow duets (videos).'),
    stitch: flag('Allow stitches (videos).'),
    content_posting_method: {
      type: 'string',
      enum: ['DIRECT_POST', 'UPLOAD'],
      default: 'DIRECT_POST',
      description: "DIRECT_POST publishes; UPLOAD sends the post to the creator's TikTok inbox to finish in the app.",
    },
    title: { type: 'string', maxLength: 90, description: "A photo post's title (a video's title is its content)." },
    brand_content_toggle: flag('Paid partnership: promotes another brand (not with privacy SELF_ONLY).'),
    brand_organic_toggle: flag("Promotes the creator's own business."),
    autoAddMusic: { enum: ['yes', 'no', true, false], default: 'no', description: 'Photo posts: let TikTok add music.' },
    video_made_with_ai: flag('Videos: label the video as AI-generated.'),
  },
  additionalProperties: true,
};

/** The settings Herald reads for each network (libs/providers), as Postiz names them. */
export const PROVIDER_SETTINGS_SCHEMAS: Record<ProviderId, ProviderSettingsSchema> = {
  facebook: FACEBOOK,
  instagram: INSTAGRAM,
  'instagram-standalone': INSTAGRAM,
  tiktok: TIKTOK,
};
