import type { FieldGetters } from '../graph/graph-fields.util';
import { graphTime } from '../meta-ids.util';
import type { FacebookPage, FbPhoto, FbPost, FbVideo, MetaState, MetaUser } from '../meta-state.types';
import { videoStatus, videoStatusField } from './facebook-video-status';

// Field getters of the Facebook node types the sandbox serves, and each type's default fields
// (what Graph answers when `fields` is absent).

export const POST_DEFAULT_FIELDS = ['created_time', 'message', 'id'] as const;
export const PHOTO_DEFAULT_FIELDS = ['created_time', 'name', 'id'] as const;
export const VIDEO_DEFAULT_FIELDS = ['updated_time', 'description', 'id'] as const;
export const PAGE_DEFAULT_FIELDS = ['name', 'id'] as const;
export const USER_DEFAULT_FIELDS = ['name', 'id'] as const;

export function postPermalink(post: Pick<FbPost, 'id' | 'pageId'>): string {
  const postPart = post.id.slice(post.id.indexOf('_') + 1);
  return `https://www.facebook.com/${post.pageId}/posts/${postPart}`;
}

export function photoLink(photo: FbPhoto): string {
  return `https://www.facebook.com/photo.php?fbid=${photo.id}`;
}

/** Graph gives a Video's permalink_url as a path relative to www.facebook.com. */
export function videoPermalink(video: FbVideo): string {
  return `/${video.pageId}/videos/${video.id}/`;
}

function photoAttachment(photo: FbPhoto): Record<string, unknown> {
  const image: Record<string, unknown> = { src: photo.media.url };
  if (photo.media.width !== undefined) Object.assign(image, { width: photo.media.width, height: photo.media.height });
  return { type: 'photo', media: { image }, target: { id: photo.id, url: photoLink(photo) }, url: photoLink(photo) };
}

function attachments(state: MetaState, post: FbPost): Record<string, unknown> | undefined {
  const photos = post.photoIds.map((id) => state.fbPhotos[id]).filter((p): p is FbPhoto => p !== undefined);
  switch (post.kind) {
    case 'status':
      return undefined;
    case 'link':
      return { data: [{ type: 'share', url: post.link, target: { url: post.link }, title: post.link }] };
    case 'photo':
      return photos[0] ? { data: [photoAttachment(photos[0])] } : undefined;
    case 'album':
      return {
        data: [{ type: 'album', url: postPermalink(post), target: { id: post.id }, subattachments: { data: photos.map(photoAttachment) } }],
      };
    case 'video': {
      const video = post.videoId ? state.fbVideos[post.videoId] : undefined;
      if (!video) return undefined;
      return {
        data: [{ type: 'video_inline', media: { source: video.fileUrl }, target: { id: video.id }, url: `https://www.facebook.com${videoPermalink(video)}` }],
      };
    }
  }
}

const STATUS_TYPE: Record<FbPost['kind'], string> = {
  status: 'mobile_status_update',
  link: 'shared_story',
  photo: 'added_photos',
  album: 'added_photos',
  video: 'added_video',
};

export function postFields(state: MetaState, post: FbPost): FieldGetters {
  const page = state.pages[post.pageId];
  const firstPhoto = post.photoIds[0] ? state.fbPhotos[post.photoIds[0]] : undefined;
  return {
    id: () => post.id,
    message: () => post.message,
    created_time: () => graphTime(post.createdAt),
    updated_time: () => graphTime(post.createdAt),
    permalink_url: () => postPermalink(post),
    attachments: () => attachments(state, post),
    from: () => (page ? { name: page.name, id: page.id } : undefined),
    is_published: () => post.published,
    link: () => post.link,
    full_picture: () => firstPhoto?.media.url,
    status_type: () => STATUS_TYPE[post.kind],
    scheduled_publish_time: () => (post.scheduledPublishTime ? Math.floor(Date.parse(post.scheduledPublishTime) / 1000) : undefined),
  };
}

export function photoFields(state: MetaState, photo: FbPhoto): FieldGetters {
  const page = state.pages[photo.pageId];
  const { width, height } = photo.media;
  return {
    id: () => photo.id,
    name: () => photo.caption,
    created_time: () => graphTime(photo.createdAt),
    updated_time: () => graphTime(photo.createdAt),
    link: () => photoLink(photo),
    picture: () => photo.media.url,
    images: () => [{ source: photo.media.url, width, height }],
    width: () => width,
    height: () => height,
    page_story_id: () => (photo.published ? photo.postId : undefined),
    from: () => (page ? { name: page.name, id: page.id } : undefined),
  };
}

export function videoFields(video: FbVideo): FieldGetters {
  return {
    id: () => video.id,
    title: () => video.title,
    description: () => video.description,
    created_time: () => graphTime(video.createdAt),
    updated_time: () => graphTime(video.createdAt),
    permalink_url: () => videoPermalink(video),
    status: () => videoStatusField(video),
    published: () => video.published,
    source: () => (videoStatus(video) === 'ready' ? video.fileUrl : undefined),
  };
}

/** `access_token` is given only to a token of the Page's own admin, as Graph does. */
export function pageFields(state: MetaState, page: FacebookPage, callerUserId: string | undefined): FieldGetters {
  const linked = Object.values(state.igAccounts).find((a) => a.pageId === page.id);
  return {
    id: () => page.id,
    name: () => page.name,
    username: () => page.username,
    category: () => page.category,
    category_list: () => [{ id: '2211', name: page.category }],
    link: () => `https://www.facebook.com/${page.id}`,
    access_token: () => (callerUserId === page.userId ? page.pageToken : undefined),
    instagram_business_account: () => (linked ? { id: linked.id } : undefined),
    connected_instagram_account: () => (linked ? { id: linked.id } : undefined),
    fan_count: () => 0,
    followers_count: () => 0,
    tasks: () => ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE'],
    picture: () => ({ data: { height: 50, width: 50, is_silhouette: true, url: 'https://www.facebook.com/images/sandbox/page.png' } }),
  };
}

export function userFields(user: MetaUser): FieldGetters {
  return {
    id: () => user.id,
    name: () => user.name,
    first_name: () => user.name.split(' ')[0],
    last_name: () => user.name.split(' ').slice(1).join(' ') || undefined,
    picture: () => ({ data: { height: 50, width: 50, is_silhouette: true, url: 'https://www.facebook.com/images/sandbox/user.png' } }),
  };
}
