import type { HeraldApiClient } from '../api/api-client';
import type { Channel, Post } from '../api/api.types';

// For the web app's specs only: an API client whose every call is a jest.fn the spec arranges.
export type FakeApiClient = { [K in keyof HeraldApiClient]: jest.Mock };

export function createFakeApiClient(): FakeApiClient & HeraldApiClient {
  const fake: FakeApiClient = {
    listChannels: jest.fn().mockResolvedValue([]),
    listPosts: jest.fn().mockResolvedValue({ posts: [], nextCursor: null }),
    getPost: jest.fn(),
    createPosts: jest.fn(),
    movePost: jest.fn(),
    publishNow: jest.fn(),
    deletePost: jest.fn(),
    upload: jest.fn(),
  };
  return fake as FakeApiClient & HeraldApiClient;
}

export function aChannel(overrides: Partial<Channel> = {}): Channel {
  return {
    id: 'ch-instagram',
    name: 'Herald Bakery',
    identifier: 'instagram',
    picture: null,
    disabled: false,
    profile: 'heraldbakery',
    refreshNeeded: false,
    tokenExpiresAt: null,
    warning: null,
    timeZone: null,
    ...overrides,
  };
}

export function aPost(overrides: Partial<Post> = {}): Post {
  return {
    id: 'post-1',
    content: 'Fresh bread at nine',
    group: 'group-1',
    state: 'QUEUE',
    heraldState: 'QUEUE',
    publishAt: '2026-03-25T09:00:00.000Z',
    publishedAt: null,
    timeZone: 'Europe/London',
    releaseURL: null,
    releaseId: null,
    error: null,
    errorCode: null,
    workflowId: 'post:post-1',
    workflowUrl: 'http://localhost:8233/namespaces/default/workflows/post%3Apost-1',
    image: [],
    integration: { id: 'ch-instagram', providerIdentifier: 'instagram', name: 'Herald Bakery', picture: null },
    ...overrides,
  };
}
