import type { ErrorCode } from '@herald/domain';

/** What Herald does with one Graph error code (or code/subcode pair). */
export interface MetaErrorRule {
  code: ErrorCode;
  retryable: boolean;
  /** Shortest sensible wait before trying again; a longer wait announced by Meta's headers wins. */
  retryAfterMs?: number;
  message: string;
  /** Append Meta's own `message` (for parameter errors it names the field at fault). */
  quoteMeta?: boolean;
  /** The prepared container is gone: the workflow prepares new media before trying again. */
  prepareAgain?: boolean;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const retry = (code: ErrorCode, message: string, retryAfterMs?: number): MetaErrorRule => ({
  code,
  retryable: true,
  message,
  retryAfterMs,
});
const fail = (code: ErrorCode, message: string, quoteMeta = false): MetaErrorRule => ({
  code,
  retryable: false,
  message,
  quoteMeta,
});

const TEMPORARY = 'Meta had a temporary problem; Herald will try again.';
const IG_SERVER = 'Instagram had a server error; Herald will try again.';
const NOT_READY = 'Instagram is still processing the media; Herald will publish it once it is ready.';
const THROTTLED = 'Meta is limiting how often Herald may call it right now; Herald will try again later.';
const PERMISSION =
  'Herald was not granted permission to publish to this account: reconnect the channel and accept every ' +
  'requested permission, Page and Instagram account.';
const RECONNECT = 'Meta no longer accepts this channel\'s login: reconnect the channel, then publish again.';
const VIDEO_FORMAT =
  'Instagram takes videos as MP4 or MOV (H.264 or HEVC video with AAC audio): re-encode the video, then ' +
  'publish again.';
const MEDIA_URL =
  'Instagram could not download the media from its URL. Check that the URL opens the file itself from ' +
  'anywhere on the internet (it must exist, be public https, need no login, and not go through redirects or ' +
  'an HTML page), then publish again.';
const IMAGE_TOO_BIG = 'The image is larger than Instagram\'s 8 MB limit: use a smaller file.';
const IMAGE_FORMAT = 'Instagram did not accept the image format: use a JPEG image.';
const ASPECT = 'Instagram takes images with an aspect ratio between 4:5 and 1.91:1: crop the image.';
const CAPTION =
  'The caption is too long for Instagram: it allows at most 2,200 characters, 30 hashtags and 20 @mentions.';
const IG_QUOTA =
  'Instagram\'s limit of posts published through its API in 24 hours is reached for this account; the post ' +
  'will go out when the rolling window frees up.';
const CONTAINER_EXPIRED =
  'The media Instagram had prepared expired before it was published; Herald will prepare it again.';

/**
 * Instagram could not fetch the media. Most often the URL is wrong for good, but Meta's fetchers
 * also fail on a file that went up moments ago (a CDN not yet in sync), so the media is prepared
 * again after a pause, within the workflow's limit on preparations (three in all, publish-steps.ts);
 * only when the last one fails too is the post failed, with this message.
 */
const MEDIA_NOT_FETCHED: MetaErrorRule = { ...retry('MEDIA_UNREACHABLE', MEDIA_URL, 15_000), prepareAgain: true };

/**
 * Identity checkpoint (Page Publishing Authorization). Instagram answers 100/33 to the publish
 * call while the linked Page is under it; the message covers the other causes of 100/33 too.
 */
export const IDENTITY_CHECKPOINT_MESSAGE =
  'Meta refused to publish to this account. Most often a Page admin must confirm their identity: complete ' +
  'the identity verification in the Facebook app (Page Publishing Authorization), check that the Page and ' +
  'its Instagram account were both selected when the channel was connected (reconnect it if not), then ' +
  'publish again.';

export const FACEBOOK_IDENTITY_MESSAGE =
  'Facebook requires a Page admin to confirm their identity before anything is published as this Page: ' +
  'complete the identity verification in the Facebook app, then publish again.';

/**
 * Keys: "code/subcode" for a pair, "*\/subcode" for a subcode that means the same under any code
 * (Instagram's 2207xxx and Facebook's long subcodes are unique), "code" for a code on its own,
 * and a ":read" suffix where a read must be treated differently from a write.
 * Lookup order is pair, subcode, code (see classifyGraphError).
 */
export const META_ERROR_RULES: Readonly<Record<string, MetaErrorRule>> = {
  // Temporary errors on Meta's side.
  '1': retry('NETWORK_UNAVAILABLE', TEMPORARY),
  '2': retry('NETWORK_UNAVAILABLE', 'Meta\'s service is temporarily down; Herald will try again.'),
  '-1': retry('NETWORK_UNAVAILABLE', IG_SERVER),
  '-2': retry('NETWORK_UNAVAILABLE', IG_SERVER),
  '*/2207001': retry('NETWORK_UNAVAILABLE', IG_SERVER),
  '*/2207032': retry('NETWORK_UNAVAILABLE', 'Instagram could not create the media container; Herald will try again.'),
  '*/2207053': retry('NETWORK_UNAVAILABLE', 'Instagram failed while uploading the video; Herald will try again.'),
  '*/2207082': retry('NETWORK_UNAVAILABLE', 'Instagram failed while uploading the video; Herald will try again.'),
  '*/1363047': retry('NETWORK_UNAVAILABLE', 'Facebook is temporarily unavailable; Herald will try again.'),
  '*/1609010': retry('NETWORK_UNAVAILABLE', 'Facebook is temporarily unavailable; Herald will try again.'),
  '*/2207003': retry(
    'MEDIA_UNREACHABLE',
    'Instagram timed out downloading the media; Herald will try again. If it keeps failing, use a smaller file.',
  ),

  // Instagram container life cycle: not ready yet, or gone and to be prepared again.
  '9007': retry('NETWORK_UNAVAILABLE', NOT_READY, 15_000),
  '*/2207027': retry('NETWORK_UNAVAILABLE', NOT_READY, 15_000),
  '*/2207020': { ...retry('NETWORK_UNAVAILABLE', CONTAINER_EXPIRED), prepareAgain: true },
  '*/2207006': {
    ...retry(
      'NETWORK_UNAVAILABLE',
      'Instagram could not find the prepared media; Herald will prepare it again. If this keeps happening, ' +
        'reconnect the channel.',
    ),
    prepareAgain: true,
  },
  '*/2207008': retry('NETWORK_UNAVAILABLE', 'Instagram briefly lost track of the prepared media; Herald will try again.', 30_000),

  // Throttles and quotas.
  '4': retry('RATE_LIMITED', THROTTLED, 5 * MINUTE),
  '17': retry('RATE_LIMITED', 'Meta is limiting requests for this account right now; Herald will try again later.', 15 * MINUTE),
  '32': retry('RATE_LIMITED', 'Facebook limited requests for this Page for now; Herald will try again later.', HOUR),
  '341': retry('RATE_LIMITED', THROTTLED, HOUR),
  '613': retry('RATE_LIMITED', THROTTLED, 15 * MINUTE),
  '80001': retry('RATE_LIMITED', 'Facebook limited requests for this Page for now; Herald will try again later.', HOUR),
  '80002': retry('RATE_LIMITED', 'Instagram limited requests for this account for now; Herald will try again later.', HOUR),
  '9': retry('RATE_LIMITED', IG_QUOTA, HOUR),
  '*/2207042': retry('RATE_LIMITED', IG_QUOTA, HOUR),
  '368/1390008': retry('RATE_LIMITED', 'Facebook says this Page is posting too fast; Herald will try again in an hour.', HOUR),
  '*/2207051': fail(
    'CONTENT_REJECTED',
    'Instagram blocked this post as suspected spam: change the content, or wait a while before posting again.',
  ),

  // Permissions and logins.
  '10': fail('PERMISSION_MISSING', PERMISSION),
  permission: fail('PERMISSION_MISSING', PERMISSION), // codes 200-299
  '*/2207081': fail('VALIDATION', 'This Instagram account cannot post Trial Reels.'),
  '102': fail('RECONNECT_NEEDED', RECONNECT),
  '190': fail('RECONNECT_NEEDED', RECONNECT),
  '190/458': fail('RECONNECT_NEEDED', 'Herald\'s app was removed from the Meta account: reconnect the channel to allow it again.'),
  '190/460': fail('RECONNECT_NEEDED', 'The Facebook password was changed, which signed Herald out: reconnect the channel.'),
  '190/463': fail('RECONNECT_NEEDED', 'The Meta login has expired: reconnect the channel, then publish again.'),
  '190/467': fail(
    'RECONNECT_NEEDED',
    'Meta invalidated the login (for example after a log-out on every device): reconnect the channel. If it ' +
      'happens again soon, post less often for a day or two.',
  ),
  '190/492': fail('RECONNECT_NEEDED', 'The connected user no longer manages this Page: reconnect the channel as a Page admin.'),
  '190/459': fail(
    'IDENTITY_CHECKPOINT',
    'Facebook locked the account for a security check: log in at facebook.com, complete the checkpoint, then ' +
      'publish again.',
  ),
  '190/464': fail(
    'IDENTITY_CHECKPOINT',
    'Facebook needs the account\'s email address or phone number confirmed: confirm it in Facebook, then ' +
      'publish again.',
  ),

  // Identity checkpoints and account restrictions: the user must act in Meta's apps.
  '100/33': fail('IDENTITY_CHECKPOINT', IDENTITY_CHECKPOINT_MESSAGE),
  // Meta has answered 100/33 to reads of objects it had just created (May 2026 outage).
  '100/33:read': retry('NETWORK_UNAVAILABLE', 'Meta refused to read this account\'s media for now; Herald will try again.'),
  '*/1404078': fail(
    'IDENTITY_CHECKPOINT',
    'Facebook requires Page Publishing Authorization for this Page: a Page admin must confirm their identity in ' +
      'the Facebook app, then reconnect the channel allowing Page publishing, and publish again.',
  ),
  '368/4854002': fail('IDENTITY_CHECKPOINT', FACEBOOK_IDENTITY_MESSAGE),
  '368/1404006': fail('IDENTITY_CHECKPOINT', 'Facebook requires a security check: log in to Facebook, complete it, then publish again.'),
  '*/2207050': fail(
    'IDENTITY_CHECKPOINT',
    'Instagram restricted this account: open the Instagram app, complete any steps it asks for, then publish again.',
  ),

  // Content refused.
  '368': fail('CONTENT_REJECTED', 'Facebook blocked this action under its policies; it may be a temporary block.', true),
  '368/1346003': fail('CONTENT_REJECTED', 'Facebook flagged this content as abusive.'),
  '368/1404102': fail('CONTENT_REJECTED', 'Facebook says this content goes against its Community Standards.'),
  '368/1404112': fail('CONTENT_REJECTED', 'Facebook limited this account for a few days: publish again once the limit is lifted.'),
  '506': fail('CONTENT_REJECTED', 'Facebook rejected this as a duplicate of a recent post: change the text.'),
  '*/1366051': fail('CONTENT_REJECTED', 'These photos were already posted on this Page.'),

  // Input Herald should have caught (or Meta's rules changed): show Meta's own words too.
  '100': fail('VALIDATION', 'Meta rejected a parameter of this post.', true),
  '*/2207023': fail('VALIDATION', 'Instagram does not accept this kind of media.'),
  '*/2207028': fail('VALIDATION', 'An Instagram carousel needs 2 to 10 items.'),
  '*/2207035': fail('VALIDATION', 'Instagram rejected the product tags of this post.', true),
  '*/2207036': fail('VALIDATION', 'Instagram rejected the product tags of this post.', true),
  '*/2207037': fail('VALIDATION', 'Instagram rejected the product tags of this post.', true),
  '*/2207040': fail('VALIDATION', 'Instagram allows at most 20 @mentions in a caption.'),
  '*/2207018': fail('VALIDATION', 'A collaborator username is not valid: write Instagram usernames without "@".'),
  '*/2207057': fail('VALIDATION', 'The cover frame time is past the end of the video.'),
  '36004': fail('VALIDATION', CAPTION),
  '*/2207010': fail('VALIDATION', CAPTION),
  '1609005': fail('VALIDATION', 'Facebook could not read the link: check the URL.'),
  '*/1609005': fail('VALIDATION', 'Facebook could not read the link: check the URL.'),
  '*/1609008': fail('VALIDATION', 'Facebook does not accept links to facebook.com in this kind of post.'),
  '*/2061006': fail('VALIDATION', 'The post contains a URL Facebook considers invalid: check the links.'),
  '*/1349125': fail('VALIDATION', 'Facebook did not accept the format of this content.', true),

  // Media refused or out of reach.
  '9004': MEDIA_NOT_FETCHED,
  '*/2207052': MEDIA_NOT_FETCHED,
  '352': fail('MEDIA_REJECTED', VIDEO_FORMAT),
  '*/2207026': fail('MEDIA_REJECTED', VIDEO_FORMAT),
  '36000': fail('MEDIA_REJECTED', IMAGE_TOO_BIG),
  '*/2207004': fail('MEDIA_REJECTED', IMAGE_TOO_BIG),
  '36001': fail('MEDIA_REJECTED', IMAGE_FORMAT),
  '*/2207005': fail('MEDIA_REJECTED', IMAGE_FORMAT),
  '36003': fail('MEDIA_REJECTED', ASPECT),
  '*/2207009': fail('MEDIA_REJECTED', ASPECT),
  '*/2207076': fail('MEDIA_REJECTED', 'Instagram could not process the video: re-encode it as MP4 (H.264 video, AAC audio).'),
  '*/2207077': fail(
    'MEDIA_REJECTED',
    'Instagram could not fetch the video: make sure its host answers range requests, or re-encode it as MP4 ' +
      '(H.264 video, AAC audio).',
  ),
  '324': fail('MEDIA_REJECTED', 'Facebook could not read the image file: check that its URL returns a valid image.'),
  '*/1366046': fail('MEDIA_REJECTED', 'Facebook takes photos as JPG or PNG files under about 4 MB.'),
  '*/2069019': fail('MEDIA_REJECTED', 'Facebook did not accept the media file.'),
};

/** For codes Herald does not know: refuse, and show what Meta said. */
export const UNKNOWN_META_ERROR: MetaErrorRule = fail('CONTENT_REJECTED', 'Meta refused this post.', true);

/** For unknown codes Meta itself marks as transient. */
export const TRANSIENT_META_ERROR: MetaErrorRule = retry('NETWORK_UNAVAILABLE', TEMPORARY);
