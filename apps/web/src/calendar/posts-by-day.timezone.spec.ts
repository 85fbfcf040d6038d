import { aPost } from '../testing/fake-api-client';
import { postsByDay } from './posts-by-day.util';

describe('postsByDay', () => {
  const late = aPost({ id: 'late', publishAt: '2026-03-29T23:30:00.000Z' });
  const early = aPost({ id: 'early', publishAt: '2026-03-29T06:00:00.000Z' });

  it('should put a post on the date and time it has in the chosen zone', () => {
    const london = postsByDay([late, early], 'Europe/London');
    expect(london.get('2026-03-30')?.map((p) => [p.post.id, p.time])).toEqual([['late', '00:30']]);
    expect(london.get('2026-03-29')?.map((p) => [p.post.id, p.time])).toEqual([['early', '07:00']]);

    const newYork = postsByDay([late, early], 'America/New_York');
    expect(newYork.get('2026-03-29')?.map((p) => [p.post.id, p.time])).toEqual([
      ['early', '02:00'],
      ['late', '19:30'],
    ]);
  });
});
