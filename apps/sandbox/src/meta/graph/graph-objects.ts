import type {
  FacebookPage,
  FbPhoto,
  FbPost,
  FbVideo,
  IgContainer,
  IgMedia,
  InstagramAccount,
  MetaComment,
  MetaState,
  MetaUser,
} from '../meta-state.types';
import type { MetaHost } from '../meta-deps.types';

/** A Graph node the sandbox knows, found by its id. */
export type GraphObject =
  | { kind: 'user'; record: MetaUser }
  | { kind: 'page'; record: FacebookPage }
  | { kind: 'post'; record: FbPost }
  | { kind: 'photo'; record: FbPhoto }
  | { kind: 'video'; record: FbVideo }
  | { kind: 'igUser'; record: InstagramAccount }
  | { kind: 'igContainer'; record: IgContainer }
  | { kind: 'igMedia'; record: IgMedia }
  | { kind: 'comment'; record: MetaComment }
  | { kind: 'igComment'; record: MetaComment };

export type GraphObjectKind = GraphObject['kind'];
export type ObjectOf<K extends GraphObjectKind> = Extract<GraphObject, { kind: K }>;

/** Graph's own names for node types, used in its error messages. */
export const NODE_TYPE: Record<GraphObjectKind, string> = {
  user: 'User',
  page: 'Page',
  post: 'PagePost',
  photo: 'Photo',
  video: 'Video',
  igUser: 'IGUser',
  igContainer: 'ShadowIGMediaBuilder',
  igMedia: 'IGMedia',
  comment: 'Comment',
  igComment: 'IGComment',
};

const FACEBOOK_ONLY: readonly MetaHost[] = ['graph.facebook.com'];
const BOTH_HOSTS: readonly MetaHost[] = ['graph.facebook.com', 'graph.instagram.com'];

/** graph.instagram.com serves only Instagram nodes. */
export const KIND_HOSTS: Record<GraphObjectKind, readonly MetaHost[]> = {
  user: FACEBOOK_ONLY,
  page: FACEBOOK_ONLY,
  post: FACEBOOK_ONLY,
  photo: FACEBOOK_ONLY,
  video: FACEBOOK_ONLY,
  igUser: BOTH_HOSTS,
  igContainer: BOTH_HOSTS,
  igMedia: BOTH_HOSTS,
  comment: FACEBOOK_ONLY,
  igComment: BOTH_HOSTS,
};

export function resolveObject(state: MetaState, id: string): GraphObject | undefined {
  if (state.pages[id]) return { kind: 'page', record: state.pages[id] };
  if (state.igAccounts[id]) return { kind: 'igUser', record: state.igAccounts[id] };
  // A deleted post is gone for Graph, as in production.
  if (state.fbPosts[id] && !state.fbPosts[id].deletedAt) return { kind: 'post', record: state.fbPosts[id] };
  if (state.fbPhotos[id]) return { kind: 'photo', record: state.fbPhotos[id] };
  if (state.fbVideos[id]) return { kind: 'video', record: state.fbVideos[id] };
  if (state.igContainers[id]) return { kind: 'igContainer', record: state.igContainers[id] };
  if (state.igMedia[id]) return { kind: 'igMedia', record: state.igMedia[id] };
  const comment = visibleComment(state, id);
  if (comment) return comment.network === 'facebook' ? { kind: 'comment', record: comment } : { kind: 'igComment', record: comment };
  if (state.users[id]) return { kind: 'user', record: state.users[id] };
  const byScopedId = Object.values(state.igAccounts).find((a) => a.appScopedId === id);
  if (byScopedId) return { kind: 'igUser', record: byScopedId };
  return undefined;
}

/** A comment goes with its post: once the Page post is deleted, its comments are gone too. */
function visibleComment(state: MetaState, id: string): MetaComment | undefined {
  const comment = state.comments[id];
  if (!comment) return undefined;
  return comment.network === 'facebook' && !resolvesAsPost(state, comment.rootId) ? undefined : comment;
}

function resolvesAsPost(state: MetaState, postId: string): boolean {
  const post = state.fbPosts[postId];
  return post !== undefined && !post.deletedAt;
}

/** The account a node belongs to; access and account flags are decided on it. */
export type Owner = { network: 'user'; userId: string } | { network: 'facebook'; pageId: string } | { network: 'instagram'; igUserId: string };

export function ownerOf(object: GraphObject): Owner {
  switch (object.kind) {
    case 'user':
      return { network: 'user', userId: object.record.id };
    case 'page':
      return { network: 'facebook', pageId: object.record.id };
    case 'post':
    case 'photo':
    case 'video':
      return { network: 'facebook', pageId: object.record.pageId };
    case 'igUser':
      return { network: 'instagram', igUserId: object.record.id };
    case 'igContainer':
    case 'igMedia':
      return { network: 'instagram', igUserId: object.record.igUserId };
    case 'comment':
      return { network: 'facebook', pageId: object.record.accountId };
    case 'igComment':
      return { network: 'instagram', igUserId: object.record.accountId };
  }
}

/** Whether an id is taken by any Meta node (ids are unique across node types, as in Graph). */
export function idInUse(state: MetaState, id: string): boolean {
  return resolveObject(state, id) !== undefined;
}
