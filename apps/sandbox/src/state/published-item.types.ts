/** What a network made public, as the admin API reports it (GET /__sandbox/published). */
export type PublishedKind = 'feed' | 'photo' | 'video' | 'image' | 'carousel' | 'reel' | 'story';

export interface PublishedMedia {
  url: string;
  contentType: string | null;
  bytes: number;
}

export interface PublishedItem {
  network: string;
  accountId: string;
  /** The id the network answered with: `<pageId>_<postId>` on Facebook, the IG media id on Instagram. */
  id: string;
  kind: PublishedKind;
  /** The message or caption. */
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
}
