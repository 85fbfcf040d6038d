import { paramBool, paramString } from '../../http/request-params.util';
import { FORMAT_FAMILY } from '../../media/media-sniff.util';
import { assertFields, renderFields } from '../graph/graph-fields.util';
import type { ObjectOf } from '../graph/graph-objects';
import type { GraphCall } from '../graph/graph-route.types';
import { metaState, type MetaDeps } from '../meta-deps.types';
import type { FbPhoto, FbPost, FbVideo } from '../meta-state.types';
import { invalidImageFile, photoFileRequired, photoTooLarge, videoFileRequired } from './facebook.errors';
import { videoFields } from './facebook-objects.view';
import { assertPagePublishable, newPostId, photoMedia, savePost } from './facebook-post.util';

const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
// Pages take videos up to 10 GB; the sandbox only counts bytes past the head, so a lower cap is harmless.
const MAX_VIDEO_BYTES = 1024 * 1024 * 1024;

/** POST /{page-id}/photos: the sandbox downloads `url` itself, as Facebook does. */
export async function createPhoto(deps: MetaDeps, call: GraphCall, object: ObjectOf<'page'>): Promise<unknown> {
  const page = object.record;
  assertPagePublishable(page);
  const url = paramString(call.params, 'url');
  if (!url) throw photoFileRequired();
  const fetched = await deps.media.fetch(url, MAX_PHOTO_BYTES);
  if (!fetched.ok) throw fetched.reason === 'too-large' ? photoTooLarge() : invalidImageFile(fetched.detail);
  if (FORMAT_FAMILY[fetched.record.format] !== 'image') throw invalidImageFile('the file is not an image');
  const now = call.now.toISOString();
  const caption = paramString(call.params, 'caption') ?? paramString(call.params, 'message');
  const published = paramBool(call.params, 'published', true);
  const photo: FbPhoto = { id: deps.newId(17), pageId: page.id, published, media: fetched.record, createdAt: now };
  if (caption) photo.caption = caption;
  metaState(deps).fbPhotos[photo.id] = photo;
  if (!published) {
    deps.store.changed();
    return { id: photo.id };
  }
  const post: FbPost = { id: newPostId(deps, page.id), pageId: page.id, kind: 'photo', source: 'photo', photoIds: [photo.id], published: true, createdAt: now };
  if (caption) post.message = caption;
  photo.postId = post.id;
  savePost(deps, post, [photoMedia(photo)], photo.id);
  return { id: photo.id, post_id: post.id };
}

/** POST /{page-id}/videos with file_url: answered at once, downloaded and judged in the background. */
export function createVideo(deps: MetaDeps, call: GraphCall, object: ObjectOf<'page'>): unknown {
  const page = object.record;
  assertPagePublishable(page);
  const fileUrl = paramString(call.params, 'file_url');
  if (!fileUrl) throw videoFileRequired();
  const video: FbVideo = {
    id: deps.newId(16),
    pageId: page.id,
    fileUrl,
    published: paramBool(call.params, 'published', true),
    pollsLeft: deps.processingPolls,
    createdAt: call.now.toISOString(),
  };
  const title = paramString(call.params, 'title');
  const description = paramString(call.params, 'description');
  if (title) video.title = title;
  if (description) video.description = description;
  assertFields(call.fields, videoFields(video), 'Video');
  metaState(deps).fbVideos[video.id] = video;
  deps.store.changed();
  startVideoProcessing(deps, video.id);
  // Like the feed, this POST honours `fields` (e.g. permalink_url, which Graph gives relative).
  return renderFields(call.fields, videoFields(video), ['id'], 'Video');
}

/** Downloads the video and, when it is an MP4 or MOV, makes the Page post (the sandbox's stand-in for encoding). */
export function startVideoProcessing(deps: MetaDeps, videoId: string): void {
  deps.jobs.start(`facebook-video:${videoId}`, async () => {
    const video = metaState(deps).fbVideos[videoId];
    if (!video || video.verdict) return;
    const fetched = await deps.media.fetch(video.fileUrl, MAX_VIDEO_BYTES);
    // A reset while downloading drops the video; do not write into the new state.
    if (metaState(deps).fbVideos[videoId] !== video) return;
    if (!fetched.ok) {
      video.verdict = { ok: false, message: `The video could not be downloaded: ${fetched.detail}`, media: fetched.record };
    } else if (fetched.record.format !== 'mp4' && fetched.record.format !== 'mov') {
      video.verdict = { ok: false, message: 'The video file is not in a supported format (MP4).', media: fetched.record };
    } else {
      video.verdict = { ok: true, media: fetched.record };
      if (video.published) publishVideoPost(deps, video);
    }
    deps.store.changed();
  });
}

function publishVideoPost(deps: MetaDeps, video: FbVideo): void {
  const post: FbPost = {
    id: newPostId(deps, video.pageId),
    pageId: video.pageId,
    kind: 'video',
    source: 'video',
    photoIds: [],
    videoId: video.id,
    published: true,
    createdAt: deps.clock.nowIso(),
  };
  if (video.description) post.message = video.description;
  video.postId = post.id;
  const media = video.verdict?.media;
  savePost(deps, post, media ? [{ url: media.url, contentType: media.contentType, bytes: media.bytes }] : [], video.id);
}
