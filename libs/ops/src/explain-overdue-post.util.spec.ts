import type { OverduePost } from '@herald/db';
import { explainOverduePost, type OverdueFacts } from './explain-overdue-post.util';

const NOW = new Date('2026-12-03T10:05:00.000Z');

function post(overrides: Partial<OverduePost> = {}, channel: Partial<OverduePost['channel']> = {}): OverduePost {
  return {
    id: 'p1',
    organizationId: 'o1',
    publishAt: new Date('2026-12-03T10:00:00.000Z'),
    workflowId: 'post:p1',
    channel: { id: 'i1', name: 'Cafe', provider: 'facebook', disabled: false, refreshNeeded: false, deleted: false, ...channel },
    ...overrides,
  };
}

const allPolled = new Map([
  ['herald-workflows', true],
  ['herald-publish-facebook', true],
]);

function facts(overrides: Partial<OverdueFacts> = {}): OverdueFacts {
  return { polled: allPolled, workflow: { kind: 'running' }, now: NOW, ...overrides };
}

describe(explainOverduePost.name, () => {
  it('should name the post, its channel, how late it is, and the queue nobody polls', () => {
    const explanation = explainOverduePost(post(), facts({ polled: new Map([['herald-workflows', false], ['herald-publish-facebook', true]]) }));

    expect(explanation.line).toBe('post p1 to Facebook Page "Cafe", due 2026-12-03T10:00:00.000Z (5 min ago): no poller on herald-workflows.');
    expect(explanation.fixes).toEqual(['start a worker for herald-workflows']);
  });

  it('should look at the network queue of the channel (both Instagram logins share one)', () => {
    const polled = new Map([['herald-workflows', true], ['herald-publish-instagram', false]]);

    expect(explainOverduePost(post({}, { provider: 'instagram-standalone' }), facts({ polled })).reasons).toEqual([
      'no poller on herald-publish-instagram',
    ]);
  });

  it('should tell a workflow never started from one that disappeared or ended', () => {
    expect(explainOverduePost(post({ workflowId: null }), facts({ workflow: { kind: 'missing' } })).reasons).toEqual([
      'its workflow was never started (Temporal was unreachable when it was saved)',
    ]);
    expect(explainOverduePost(post(), facts({ workflow: { kind: 'missing' } })).reasons).toEqual(['its workflow post:p1 does not exist in Temporal']);
    expect(explainOverduePost(post(), facts({ workflow: { kind: 'closed', status: 'TERMINATED' } })).reasons).toEqual([
      'its workflow post:p1 is TERMINATED, not running',
    ]);
  });

  it('should say the channel must be reconnected, or is disabled', () => {
    expect(explainOverduePost(post({}, { refreshNeeded: true }), facts()).reasons).toEqual(['its channel must be reconnected']);
    expect(explainOverduePost(post({}, { disabled: true }), facts()).reasons).toEqual(['its channel is disabled']);
  });

  it('should still say something when every witness looks healthy', () => {
    const explanation = explainOverduePost(post(), facts());

    expect(explanation.reasons).toEqual(['its workflow post:p1 is running and its queues are polled, yet it has not claimed the post']);
    expect(explanation.fixes).toEqual(["look at post:p1 in the Temporal UI and at the worker's log"]);
  });

  it('should not blame the queues when Temporal could not say whether anyone polls them', () => {
    const explanation = explainOverduePost(post(), facts({ polled: new Map(), workflow: { kind: 'unknown', because: 'Temporal does not answer' } }));

    expect(explanation.reasons).toEqual(['its workflow could not be looked up (Temporal does not answer)']);
  });
});
