import type { PostState } from './post-state';

/**
 * Everything that can happen to a post, and from which states. This table is the one place the
 * rules live: the API checks it to answer 409 with a reason, the repository puts `from` in the
 * WHERE clause of the UPDATE that applies the action (so a race with the worker cannot slip
 * through), and the worker claims only what `claim` allows.
 *
 *   DRAFT ──schedule──▶ QUEUE ──claim──▶ PUBLISHING ──▶ PUBLISHED ──republish──▶ QUEUE
 *     ▲                  │ │                        └──▶ ERROR ──schedule──▶ QUEUE
 *     └───unschedule─────┘ └─ move / edit / publish-now (stays QUEUE)
 *
 * A post being published (PUBLISHING) belongs to its workflow: it cannot be edited, moved or
 * deleted until the network has answered.
 */
export const POST_ACTIONS = {
  /** Change content, media or settings. */
  edit: { from: ['DRAFT', 'QUEUE', 'ERROR'] },
  /** Change the publish time of a scheduled post (a draft keeps its date as a plain edit). */
  move: { from: ['DRAFT', 'QUEUE'] },
  /** Publish a scheduled post now. */
  'publish-now': { from: ['QUEUE'], to: 'QUEUE' },
  /** A draft or a failed post to the queue, at its (future) date. */
  schedule: { from: ['DRAFT', 'ERROR'], to: 'QUEUE' },
  /** Back to draft: the pending publish is cancelled. */
  unschedule: { from: ['QUEUE', 'ERROR'], to: 'DRAFT' },
  /** Publish a published post again: only with the API's explicit flag. */
  republish: { from: ['PUBLISHED'], to: 'QUEUE' },
  /** A published post stays: it is on the network, and Herald keeps the record of it. */
  delete: { from: ['DRAFT', 'QUEUE', 'ERROR'] },
  /** The worker, at the publish time. */
  claim: { from: ['QUEUE'], to: 'PUBLISHING' },
} as const satisfies Record<string, { from: readonly PostState[]; to?: PostState }>;

export type PostAction = keyof typeof POST_ACTIONS;

const WHY_NOT: Record<PostState, string> = {
  DRAFT: 'is a draft',
  QUEUE: 'is scheduled',
  PUBLISHING: 'is being published right now',
  PUBLISHED: 'is already published',
  ERROR: 'failed to publish',
};

const VERB: Record<PostAction, string> = {
  edit: 'edited',
  move: 'moved',
  'publish-now': 'published now',
  schedule: 'scheduled',
  unschedule: 'turned back into a draft',
  republish: 'published again',
  delete: 'deleted',
  claim: 'claimed for publishing',
};

export function allowedFrom(action: PostAction): readonly PostState[] {
  return POST_ACTIONS[action].from;
}

/** Whether `action` may happen to a post in `state`, and if not, a sentence saying why. */
export function checkPostAction(state: PostState, action: PostAction): { ok: true } | { ok: false; reason: string } {
  if ((POST_ACTIONS[action].from as readonly PostState[]).includes(state)) return { ok: true };
  const hint =
    state === 'PUBLISHING'
      ? '; try again once the network has answered'
      : state === 'PUBLISHED' && (action === 'move' || action === 'publish-now' || action === 'schedule')
        ? ' (to publish it again, send republish: true)'
        : '';
  return { ok: false, reason: `The post ${WHY_NOT[state]}, so it cannot be ${VERB[action]}${hint}.` };
}
