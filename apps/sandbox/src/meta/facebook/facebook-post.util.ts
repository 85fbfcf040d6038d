import { metaState, type MetaDeps } from '../meta-deps.types';
import type { FacebookPage, FbPhoto, FbPost } from '../meta-state.types';
import type { PublishedMedia } from '../../state/published-item.types';
import { identityConfirmationRequired } from './facebook.errors';
import { postPermalink } from './facebook-objects.view';

/** Posting as a Page under an identity checkpoint is refused (368/4854002). */
export function assertPagePublishable(page: FacebookPage): void {
  if (page.identityCheckpoint) throw identityConfirmationRequired();
}

export function photoMedia(photo: FbPhoto): PublishedMedia {
  return { url: photo.media.url, contentType: photo.media.contentType, bytes: photo.media.bytes };
}

/** Stores a Page post and, when it is public, lists it in the admin API's published items. */
export function savePost(deps: MetaDeps, post: FbPost, media: PublishedMedia[], objectId?: string): void {
  metaState(deps).fbPosts[post.id] = post;
  if (post.published) {
    deps.store.recordPublished({
      network: 'facebook',
      accountId: post.pageId,
      id: post.id,
      kind: post.source,
      text: post.message ?? '',
      media,
      permalink: postPermalink(post),
      createdAt: post.createdAt,
      ...(objectId === undefined ? {} : { objectId }),
    });
  }
  deps.store.changed();
}

export function newPostId(deps: MetaDeps, pageId: string): string {
  return `${pageId}_${deps.newId(17)}`;
}
