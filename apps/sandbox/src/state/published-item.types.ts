/** What a network made public, as the admin API reports it (GET /__sandbox/published). */
export type PublishedKind = 'feed' | 'photo' | 'video' | 'image' | 'carousel' | 'reel' | 'story';

export interface PublishedMedia {
  /** The URL the network downloaded; absent for bytes sent to the network itself (then `upload` is true). */
  url?: string;
  /** TikTok FILE_UPLOAD: the bytes came through the upload URL. */
  upload?: true;
  contentType: string | null;
  bytes: number;
  /** Videos whose MP4/QuickTime header could be read. */
  durationMs?: number;
}

export interface PublishedItem {
  network: string;
  accountId: string;
  /**
   * The id the network answered with: `<pageId>_<postId>` on Facebook, the IG media id on
   * Instagram, the post id on TikTok (the publish_id for a draft sent to the TikTok inbox).
   */
  id: string;
  kind: PublishedKind;
  /** The message or caption (TikTok: a video's title, a photo post's description). */
  text: string;
  media: PublishedMedia[];
  permalink: string;
  createdAt: string;
  /** Facebook photo or video id behind the post. */
  objectId?: string;
  /** Instagram container that was published. */
  containerId?: string;
  /** Set when the post was deleted through the API; the item stays in the list. */
  deletedAt?: string;
  /** TikTok: the publish that made it. */
  publishId?: string;
  /** TikTok: a direct post, or a draft delivered to the creator's inbox. */
  mode?: 'direct' | 'inbox';
  /** TikTok: the publish status it ended in (PUBLISH_COMPLETE or SEND_TO_USER_INBOX). */
  status?: string;
  /** TikTok direct posts: the privacy_level asked for. */
  privacyLevel?: string;
  /** TikTok: whether the post id is public (not SELF_ONLY, account not private). */
  publiclyAvailable?: boolean;
  /** TikTok photo posts: the title beside the description. */
  title?: string;
}
