import type { PostState, PostizState, ProviderId } from '@herald/domain';

// The shapes of the public API's answers that the UI reads (README.md's endpoint table).

/** GET /integrations: one channel. */
export interface Channel {
  id: string;
  name: string;
  identifier: ProviderId;
  picture: string | null;
  disabled: boolean;
  profile: string | null;
  customer?: { id: string; name: string };
  refreshNeeded: boolean;
  tokenExpiresAt: string | null;
  /** What the user must do about the login, in a sentence; null when nothing. */
  warning: string | null;
  timeZone: string | null;
}

/** GET /posts and GET /posts/:id. */
export interface Post {
  id: string;
  content: string;
  group: string;
  state: PostizState;
  heraldState: PostState;
  publishAt: string;
  publishedAt: string | null;
  timeZone: string | null;
  releaseURL: string | null;
  releaseId: string | null;
  error: string | null;
  errorCode: string | null;
  workflowId: string | null;
  workflowUrl: string | null;
  image: Array<{ id: string | null; path: string }>;
  integration: { id: string; providerIdentifier: ProviderId; name: string; picture: string | null };
}

export interface PostList {
  posts: Post[];
  nextCursor: string | null;
}

/** POST /upload. */
export interface UploadedMedia {
  id: string;
  name: string;
  originalName: string | null;
  path: string;
  mimeType: string;
  kind: string;
}

export type CreatePostType = 'schedule' | 'now' | 'draft';

/** POST /posts, as the composer sends it: the same content to each chosen channel. */
export interface CreatePostBody {
  type: CreatePostType;
  date?: string;
  timeZone: string;
  posts: Array<{
    integration: { id: string };
    value: Array<{ content: string; image: Array<{ id: string; path: string }> }>;
  }>;
}

/** POST /posts: one entry per channel. */
export interface CreatedPost {
  postId: string;
  integration: string;
  group: string;
  state: string;
  publishAt: string;
  workflow: 'started' | 'pending' | null;
  warning?: string;
}

/** PUT /posts/:id and POST /posts/:id/publish-now answer the post id and what changed. */
export interface ChangedPost {
  postId?: string;
  [key: string]: unknown;
}

/** DELETE /posts/:id. */
export interface DeletedPosts {
  error: false;
  /** The ids of the group's posts that were deleted. */
  deleted: string[];
}
