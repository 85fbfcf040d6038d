import { POST_ACTIONS, type PostAction, checkPostAction } from './post-lifecycle';
import { POST_STATES } from './post-state';

describe(checkPostAction.name, () => {
  it('should never let anything but the worker touch a post being published', () => {
    const actions = Object.keys(POST_ACTIONS) as PostAction[];

    const allowed = actions.filter((a) => checkPostAction('PUBLISHING', a).ok);

    expect(allowed).toEqual([]);
  });

  it('should claim only a scheduled post', () => {
    expect(POST_STATES.filter((s) => checkPostAction(s, 'claim').ok)).toEqual(['QUEUE']);
  });

  it('should say how to publish a published post again when it is moved', () => {
    const result = checkPostAction('PUBLISHED', 'move');

    expect(result).toEqual({ ok: false, reason: 'The post is already published, so it cannot be moved (to publish it again, send republish: true).' });
  });

  it('should say a post being published cannot be deleted yet, and why', () => {
    expect(checkPostAction('PUBLISHING', 'delete')).toEqual({
      ok: false,
      reason: 'The post is being published right now, so it cannot be deleted; try again once the network has answered.',
    });
  });

  it('should let a draft and a failed post be scheduled, and a scheduled one go back to draft', () => {
    expect(POST_STATES.filter((s) => checkPostAction(s, 'schedule').ok)).toEqual(['DRAFT', 'ERROR']);
    expect(POST_STATES.filter((s) => checkPostAction(s, 'unschedule').ok)).toEqual(['QUEUE', 'ERROR']);
    expect(POST_STATES.filter((s) => checkPostAction(s, 'republish').ok)).toEqual(['PUBLISHED']);
  });
});
