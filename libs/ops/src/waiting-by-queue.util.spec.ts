import { waitingByQueue } from './waiting-by-queue.util';

describe(waitingByQueue.name, () => {
  it('should count every waiting post on the workflow queue and on its network queue', () => {
    const waiting = waitingByQueue([
      { provider: 'facebook', count: 2 },
      { provider: 'instagram', count: 1 },
      { provider: 'instagram-standalone', count: 3 },
    ]);

    expect(waiting).toEqual({
      'herald-workflows': 6,
      'herald-publish-facebook': 2,
      'herald-publish-instagram': 4,
      'herald-publish-tiktok': 0,
    });
  });
});
