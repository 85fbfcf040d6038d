import { GraphError } from '../graph/graph-error';

// Instagram publishing errors (reference/provider-apis.md 2.3, 2.4). Codes and subcodes are
// Meta's; messages are close to the observed ones and must not be matched on by clients.

export function instagramPermissionDenied(): GraphError {
  return new GraphError(10, '(#10) Application does not have permission for this action');
}

export function mediaNotReady(): GraphError {
  return new GraphError(9007, 'Media ID is not available', {
    subcode: 2207027,
    userTitle: 'Cannot Publish',
    userMsg: 'The media is not ready for publishing, please wait for a moment',
  });
}

export function publishQuotaReached(): GraphError {
  return new GraphError(9, 'Application request limit reached', {
    subcode: 2207042,
    userTitle: 'Reached maximum number of posts',
    userMsg: 'You have reached the maximum number of posts that can be published with the API in 24 hours.',
  });
}

export function mediaDownloadFailed(url: string): GraphError {
  return new GraphError(9004, 'Only photo or video can be accepted as media type.', {
    subcode: 2207052,
    userTitle: 'Media download has failed.',
    userMsg: `The media could not be fetched from this uri: ${url}`,
  });
}

export function mediaDownloadTimedOut(): GraphError {
  return new GraphError(-2, 'Timeout', {
    subcode: 2207003,
    isTransient: true,
    userTitle: 'Timeout',
    userMsg: 'It took too long to download the media.',
  });
}

export function imageTooLarge(): GraphError {
  return new GraphError(36000, 'The image is too large to download.', {
    subcode: 2207004,
    userTitle: 'Image size too large',
    userMsg: 'The image is too large to download. It should be less than 8 MiB.',
  });
}

export function imageFormatUnsupported(): GraphError {
  return new GraphError(36001, 'The image format is not supported.', {
    subcode: 2207005,
    userTitle: 'Unsupported format',
    userMsg: 'The image format is not supported. Supported formats are: JPEG.',
  });
}

export function aspectRatioUnsupported(width: number, height: number): GraphError {
  return new GraphError(36003, `The submitted image with aspect ratio ('${width}/${height}') cannot be published.`, {
    subcode: 2207009,
    userTitle: 'Aspect ratio not supported',
    userMsg: 'The aspect ratio of the image must be between 4:5 and 1.91:1.',
  });
}

export function captionTooLong(): GraphError {
  return new GraphError(36004, 'The caption was too long.', {
    subcode: 2207010,
    userTitle: 'Caption too long',
    userMsg: 'The caption can have at most 2200 characters and 30 hashtags.',
  });
}

export function tooManyMentions(): GraphError {
  return new GraphError(100, '(#100) Too many tags', {
    subcode: 2207040,
    userTitle: 'Too many tags',
    userMsg: 'A caption can mention at most 20 accounts.',
  });
}

export function carouselSize(): GraphError {
  return new GraphError(100, '(#100) The number of carousel items must be between 2 and 10', {
    subcode: 2207028,
    userTitle: 'Carousel size',
    userMsg: 'A carousel needs between 2 and 10 photos or videos.',
  });
}

export function unsupportedMediaType(detail: string): GraphError {
  return new GraphError(100, `(#100) ${detail}`, { subcode: 2207023, userTitle: 'Unsupported media type' });
}

export function collaboratorWithAt(): GraphError {
  return new GraphError(110, 'Invalid user id', {
    subcode: 2207018,
    userTitle: 'Invalid collaborator',
    userMsg: 'Collaborators are usernames without a leading @.',
  });
}

export function containerNotFound(id: string): GraphError {
  return new GraphError(24, 'The requested resource does not exist', {
    subcode: 2207006,
    userTitle: 'Media not found',
    userMsg: `The media container ${id} cannot be found.`,
  });
}

export function containerExpired(): GraphError {
  return new GraphError(-2, 'The media has expired', {
    subcode: 2207020,
    userTitle: 'The media has expired',
    userMsg: 'The media you are trying to access has expired. Please try to upload again.',
  });
}

/** Not documented by Meta (spec section 8): the sandbox's stable answer, so no second post is made. */
export function containerAlreadyPublished(id: string): GraphError {
  return new GraphError(100, `(#100) The media container ${id} has already been published`, {
    userTitle: 'Already published',
    userMsg: 'This media has already been published.',
  });
}

/** Publishing a container whose processing failed; the code follows the subcode's documented pairing. */
export function containerFailed(subcode: number): GraphError {
  const code = subcode === 2207052 ? 9004 : subcode === 2207003 ? -2 : 352;
  return new GraphError(code, `Media upload has failed with error code ${subcode}`, {
    subcode,
    userTitle: 'Media upload failed',
    userMsg: 'The media could not be processed. Create a new container with a supported file.',
  });
}
