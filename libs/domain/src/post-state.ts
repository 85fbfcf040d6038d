/** A post's life; `deletedAt` is kept beside it rather than being a state. */
export const POST_STATES = ['DRAFT', 'QUEUE', 'PUBLISHING', 'PUBLISHED', 'ERROR'] as const;
export type PostState = (typeof POST_STATES)[number];

/** Postiz clients know four states: a post being published is still "in the queue" to them. */
export type PostizState = 'DRAFT' | 'QUEUE' | 'PUBLISHED' | 'ERROR';

export function toPostizState(state: PostState): PostizState {
  return state === 'PUBLISHING' ? 'QUEUE' : state;
}
