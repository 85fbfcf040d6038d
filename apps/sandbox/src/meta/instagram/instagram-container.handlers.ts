import { paramBool, paramList, paramString, type Params } from '../../http/request-params.util';
import { invalidParameter, missingParameter } from '../graph/graph.errors';
import { renderFields } from '../graph/graph-fields.util';
import type { ObjectOf } from '../graph/graph-objects';
import type { GraphCall } from '../graph/graph-route.types';
import { metaState, type MetaDeps } from '../meta-deps.types';
import type { IgContainer, IgMediaType, MetaState } from '../meta-state.types';
import { carouselSize, collaboratorWithAt, unsupportedMediaType } from './instagram.errors';
import { containerStatus, readContainer, statusText } from './instagram-container-status';
import { captionProblem, fetchContainerImage, judgeContainerVideo } from './instagram-media-checks.util';

const MAX_COLLABORATORS = 3;

interface ContainerRequest {
  mediaType: IgMediaType;
  isCarouselItem: boolean;
  imageUrl?: string;
  videoUrl?: string;
  caption?: string;
  childIds: string[];
  collaborators: string[];
}

/** Which media_type/url combinations Instagram takes (spec 2.2); anything else is 100/2207023 or a missing parameter. */
function parseRequest(params: Params): ContainerRequest {
  const raw = paramString(params, 'media_type')?.toUpperCase();
  const isCarouselItem = paramBool(params, 'is_carousel_item', false);
  const imageUrl = paramString(params, 'image_url');
  const videoUrl = paramString(params, 'video_url');
  const caption = paramString(params, 'caption');
  const childIds = paramList(params, 'children') ?? [];
  const collaborators = paramList(params, 'collaborators') ?? [];
  const base = { isCarouselItem, childIds, collaborators, imageUrl, videoUrl, caption };
  switch (raw) {
    case undefined:
    case 'IMAGE':
      if (!imageUrl) {
        if (videoUrl) throw unsupportedMediaType('media_type REELS (or VIDEO for a carousel item) is required with video_url');
        throw missingParameter('image_url');
      }
      return { ...base, mediaType: 'IMAGE' };
    case 'VIDEO':
      if (!isCarouselItem) throw unsupportedMediaType('The VIDEO media type is only for carousel items; use REELS');
      if (!videoUrl) throw missingParameter('video_url');
      return { ...base, mediaType: 'VIDEO' };
    case 'REELS':
      if (!videoUrl) throw missingParameter('video_url');
      return { ...base, mediaType: 'REELS' };
    case 'STORIES':
      if (!imageUrl && !videoUrl) throw missingParameter('image_url or video_url');
      return { ...base, mediaType: 'STORIES' };
    case 'CAROUSEL':
      return { ...base, mediaType: 'CAROUSEL' };
    default:
      throw unsupportedMediaType(`The media type ${raw} is not supported`);
  }
}

function checkRequest(state: MetaState, request: ContainerRequest, igUserId: string, now: Date): void {
  if (request.caption !== undefined && !request.isCarouselItem && request.mediaType !== 'STORIES') {
    const problem = captionProblem(request.caption);
    if (problem) throw problem;
  }
  if (request.collaborators.length > 0) {
    if (request.isCarouselItem) throw invalidParameter('param collaborators is not allowed');
    if (request.collaborators.some((c) => c.startsWith('@'))) throw collaboratorWithAt();
    if (request.collaborators.length > MAX_COLLABORATORS) throw invalidParameter(`A post can have at most ${MAX_COLLABORATORS} collaborators`);
  }
  if (request.mediaType !== 'CAROUSEL') return;
  if (request.childIds.length < 2 || request.childIds.length > 10) throw carouselSize();
  request.childIds.forEach((id, index) => {
    const child = state.igContainers[id];
    const usable = child && child.igUserId === igUserId && child.isCarouselItem && !child.publishedMediaId;
    if (!usable || containerStatus(state, child, now).code === 'EXPIRED') {
      throw invalidParameter(`Param children[${index}] must be a valid carousel item container id`);
    }
  });
}

/** POST /{ig-user-id}/media: images are downloaded and judged now, videos in the background. */
export async function createContainer(deps: MetaDeps, call: GraphCall, object: ObjectOf<'igUser'>): Promise<unknown> {
  const state = metaState(deps);
  if (paramString(call.params, 'upload_type') === 'resumable') {
    throw invalidParameter('upload_type=resumable is not emulated by the sandbox; give video_url');
  }
  const request = parseRequest(call.params);
  checkRequest(state, request, object.record.id, call.now);
  const isVideo = request.videoUrl !== undefined && request.mediaType !== 'IMAGE';
  const container: IgContainer = {
    id: deps.newId(17),
    igUserId: object.record.id,
    mediaType: request.mediaType,
    isCarouselItem: request.isCarouselItem,
    childIds: request.mediaType === 'CAROUSEL' ? request.childIds : [],
    collaborators: request.collaborators,
    // Images are ready at once; videos and carousels take a few status reads, as in production.
    pollsLeft: isVideo || request.mediaType === 'CAROUSEL' ? deps.processingPolls : 0,
    createdAt: call.now.toISOString(),
  };
  if (request.caption !== undefined && !request.isCarouselItem) container.caption = request.caption;
  if (isVideo) {
    container.videoUrl = request.videoUrl;
  } else if (request.imageUrl) {
    container.imageUrl = request.imageUrl;
    const checkAspect = request.mediaType !== 'STORIES';
    container.verdict = { ok: true, media: await fetchContainerImage(deps.media, request.imageUrl, checkAspect) };
  }
  state.igContainers[container.id] = container;
  deps.store.changed();
  if (isVideo) startContainerVideo(deps, container.id);
  return { id: container.id };
}

/** Downloads a container's video_url in the background; the verdict shows in the status after the processing reads. */
export function startContainerVideo(deps: MetaDeps, containerId: string): void {
  deps.jobs.start(`instagram-container:${containerId}`, async () => {
    const container = metaState(deps).igContainers[containerId];
    if (!container?.videoUrl || container.verdict) return;
    const verdict = await judgeContainerVideo(deps.media, container.videoUrl);
    // A reset while downloading drops the container; do not write into the new state.
    if (metaState(deps).igContainers[containerId] !== container) return;
    container.verdict = verdict;
    deps.store.changed();
  });
}

/** GET /{container-id}: every read counts towards the end of processing. */
export function readContainerNode(deps: MetaDeps, call: GraphCall, object: ObjectOf<'igContainer'>): unknown {
  const state = metaState(deps);
  const container = object.record;
  // After a restart the download may have been cut off: start it again.
  for (const id of [container.id, ...container.childIds]) {
    const c = state.igContainers[id];
    if (c?.videoUrl && !c.verdict && !deps.jobs.has(`instagram-container:${id}`)) startContainerVideo(deps, id);
  }
  // The first `processingPolls` reads answer IN_PROGRESS; the read after them sees the outcome.
  const status = containerStatus(state, container, call.now);
  readContainer(state, container);
  return renderFields(
    call.fields,
    {
      id: () => container.id,
      status_code: () => status.code,
      status: () => statusText(status),
      copyright_check_status: () => (container.videoUrl ? { status: 'completed', matches_found: false } : undefined),
    },
    ['id'],
    'ShadowIGMediaBuilder',
  );
}
