import { renderFields } from '../graph/graph-fields.util';
import type { ObjectOf } from '../graph/graph-objects';
import type { GraphCall } from '../graph/graph-route.types';
import { metaState, type MetaDeps } from '../meta-deps.types';
import {
  PAGE_DEFAULT_FIELDS,
  PHOTO_DEFAULT_FIELDS,
  POST_DEFAULT_FIELDS,
  USER_DEFAULT_FIELDS,
  VIDEO_DEFAULT_FIELDS,
  pageFields,
  photoFields,
  postFields,
  userFields,
  videoFields,
} from './facebook-objects.view';
import { startVideoProcessing } from './facebook-media.handlers';
import { readVideo } from './facebook-video-status';

export function readUser(_deps: MetaDeps, call: GraphCall, object: ObjectOf<'user'>): unknown {
  return renderFields(call.fields, userFields(object.record), USER_DEFAULT_FIELDS, 'User');
}

export function readPage(deps: MetaDeps, call: GraphCall, object: ObjectOf<'page'>): unknown {
  const state = metaState(deps);
  const { grant } = call.principal;
  const callerUserId = grant.kind === 'user' ? grant.userId : grant.kind === 'page' ? state.pages[grant.pageId]?.userId : undefined;
  return renderFields(call.fields, pageFields(state, object.record, callerUserId), PAGE_DEFAULT_FIELDS, 'Page');
}

export function readPost(deps: MetaDeps, call: GraphCall, object: ObjectOf<'post'>): unknown {
  return renderFields(call.fields, postFields(metaState(deps), object.record), POST_DEFAULT_FIELDS, 'PagePost');
}

export function readPhoto(deps: MetaDeps, call: GraphCall, object: ObjectOf<'photo'>): unknown {
  return renderFields(call.fields, photoFields(metaState(deps), object.record), PHOTO_DEFAULT_FIELDS, 'Photo');
}

/** GET /{video-id}: every read counts towards the end of processing. */
export function readVideoNode(deps: MetaDeps, call: GraphCall, object: ObjectOf<'video'>): unknown {
  const video = object.record;
  // After a restart the download may have been cut off: start it again.
  if (!video.verdict && !deps.jobs.has(`facebook-video:${video.id}`)) startVideoProcessing(deps, video.id);
  // The first `processingPolls` reads answer processing; the read after them sees the outcome.
  const body = renderFields(call.fields, videoFields(video), VIDEO_DEFAULT_FIELDS, 'Video');
  readVideo(video);
  return body;
}
