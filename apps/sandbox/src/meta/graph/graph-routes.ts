import {
  createCommentReply,
  createPostComment,
  listCommentReplies,
  listPostComments,
  readComment,
} from '../facebook/facebook-comments.handlers';
import { createFeedPost, deletePost, listFeed } from '../facebook/facebook-feed.handlers';
import { createPhoto, createVideo } from '../facebook/facebook-media.handlers';
import { readPage, readPhoto, readPost, readUser, readVideoNode } from '../facebook/facebook-read.handlers';
import {
  createMediaComment,
  createReply,
  listMediaComments,
  listReplies,
  readInstagramComment,
} from '../instagram/instagram-comments.handlers';
import { createContainer, readContainerNode } from '../instagram/instagram-container.handlers';
import { publishContainer } from '../instagram/instagram-publish.handler';
import { listMedia, listStories, readInstagramUser, readMedia, readPublishingLimit } from '../instagram/instagram-read.handlers';
import { listPermissions, listUserPages } from '../oauth/facebook-oauth.handlers';
import { graphRoute, type AnyGraphRoute } from './graph-route.types';

/** Every node and edge the sandbox serves, by node kind. The hosts a kind is served on are in KIND_HOSTS. */
export const GRAPH_ROUTES: readonly AnyGraphRoute[] = [
  graphRoute({ method: 'GET', kind: 'user', handle: readUser }),
  graphRoute({ method: 'GET', kind: 'user', edge: 'accounts', handle: listUserPages }),
  graphRoute({ method: 'GET', kind: 'user', edge: 'permissions', handle: listPermissions }),

  graphRoute({ method: 'GET', kind: 'page', handle: readPage }),
  graphRoute({ method: 'GET', kind: 'page', edge: 'feed', handle: listFeed }),
  graphRoute({ method: 'GET', kind: 'page', edge: 'posts', handle: listFeed }),
  graphRoute({ method: 'GET', kind: 'page', edge: 'published_posts', handle: listFeed }),
  graphRoute({ method: 'POST', kind: 'page', edge: 'feed', publishes: true, handle: createFeedPost }),
  graphRoute({ method: 'POST', kind: 'page', edge: 'photos', publishes: true, handle: createPhoto }),
  graphRoute({ method: 'POST', kind: 'page', edge: 'videos', publishes: true, handle: createVideo }),
  graphRoute({ method: 'GET', kind: 'post', handle: readPost }),
  graphRoute({ method: 'DELETE', kind: 'post', publishes: true, handle: deletePost }),
  graphRoute({ method: 'POST', kind: 'post', edge: 'comments', publishes: true, handle: createPostComment }),
  graphRoute({ method: 'GET', kind: 'post', edge: 'comments', handle: listPostComments }),
  graphRoute({ method: 'GET', kind: 'comment', handle: readComment }),
  graphRoute({ method: 'POST', kind: 'comment', edge: 'comments', publishes: true, handle: createCommentReply }),
  graphRoute({ method: 'GET', kind: 'comment', edge: 'comments', handle: listCommentReplies }),
  graphRoute({ method: 'GET', kind: 'photo', handle: readPhoto }),
  graphRoute({ method: 'GET', kind: 'video', handle: readVideoNode }),

  graphRoute({ method: 'GET', kind: 'igUser', handle: readInstagramUser }),
  graphRoute({ method: 'POST', kind: 'igUser', edge: 'media', publishes: true, handle: createContainer }),
  graphRoute({ method: 'POST', kind: 'igUser', edge: 'media_publish', publishes: true, handle: publishContainer }),
  graphRoute({ method: 'GET', kind: 'igUser', edge: 'media', handle: listMedia }),
  graphRoute({ method: 'GET', kind: 'igUser', edge: 'stories', handle: listStories }),
  graphRoute({ method: 'GET', kind: 'igUser', edge: 'content_publishing_limit', handle: readPublishingLimit }),
  graphRoute({ method: 'GET', kind: 'igContainer', handle: readContainerNode }),
  graphRoute({ method: 'GET', kind: 'igMedia', handle: readMedia }),
  graphRoute({ method: 'POST', kind: 'igMedia', edge: 'comments', publishes: true, handle: createMediaComment }),
  graphRoute({ method: 'GET', kind: 'igMedia', edge: 'comments', handle: listMediaComments }),
  graphRoute({ method: 'GET', kind: 'igComment', handle: readInstagramComment }),
  graphRoute({ method: 'POST', kind: 'igComment', edge: 'replies', publishes: true, handle: createReply }),
  graphRoute({ method: 'GET', kind: 'igComment', edge: 'replies', handle: listReplies }),
];
