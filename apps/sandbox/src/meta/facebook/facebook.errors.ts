import { GraphError } from '../graph/graph-error';

// Facebook Page errors (reference/provider-apis.md 3.2).

/** The token's user lacks pages_manage_posts, or the flag `permissionMissing` is set on the Page. */
export function pagePublishPermissionMissing(): GraphError {
  return new GraphError(
    200,
    '(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission',
  );
}

/** A token used on a Page (or a Page's object) it has no role on. */
export function pageAccessDenied(): GraphError {
  return new GraphError(200, '(#200) Permissions error', {
    userTitle: 'Permissions error',
    userMsg: 'This access token is not allowed to act on this Page.',
  });
}

/** Page Publishing Authorization pending (the identity checkpoint). */
export function identityConfirmationRequired(): GraphError {
  return new GraphError(368, 'The action attempted has been deemed abusive or is otherwise disallowed', {
    subcode: 4854002,
    userTitle: 'Confirm your identity',
    userMsg: 'You need to confirm your identity before you can publish as this Page. Open Facebook and follow the steps to confirm it.',
  });
}

export function missingMessageOrAttachment(): GraphError {
  return new GraphError(100, '(#100) Missing message or attachment');
}

export function photoFileRequired(): GraphError {
  return new GraphError(324, '(#324) Requires upload file');
}

export function invalidImageFile(detail: string): GraphError {
  return new GraphError(324, '(#324) Missing or invalid image file', {
    userTitle: 'Invalid image',
    userMsg: `The image could not be read: ${detail}.`,
  });
}

export function photoTooLarge(): GraphError {
  return new GraphError(100, '(#100) Photo is too large or in an unsupported format', {
    subcode: 1366046,
    userTitle: 'Photo size or format',
    userMsg: 'Photos must be JPG, PNG, GIF or WEBP files under 10 MB.',
  });
}

export function videoFileRequired(): GraphError {
  return new GraphError(100, '(#100) The parameter file_url is required (the sandbox does not take source uploads)');
}
