import { buildCreateBody } from './build-create-body';

const media = [{ id: 'm1', name: 'm1.jpg', originalName: 'bread.jpg', path: 'http://localhost:3000/uploads/m1.jpg', mimeType: 'image/jpeg', kind: 'image' }];

describe('buildCreateBody', () => {
  it('should schedule each chosen channel at the picked time with the chosen zone’s offset', () => {
    const body = buildCreateBody({
      type: 'schedule',
      channelIds: ['fb', 'ig'],
      content: 'Hello',
      media,
      when: { date: '2026-12-24', time: '09:00' },
      timeZone: 'Europe/Paris',
    });
    expect(body).toEqual({
      type: 'schedule',
      date: '2026-12-24T09:00:00+01:00',
      timeZone: 'Europe/Paris',
      posts: [
        { integration: { id: 'fb' }, value: [{ content: 'Hello', image: [{ id: 'm1', path: 'http://localhost:3000/uploads/m1.jpg' }] }] },
        { integration: { id: 'ig' }, value: [{ content: 'Hello', image: [{ id: 'm1', path: 'http://localhost:3000/uploads/m1.jpg' }] }] },
      ],
    });
  });

  it('should keep a draft’s time and send no date to publish now', () => {
    const input = { channelIds: ['fb'], content: 'x', media: [], when: { date: '2026-07-01', time: '12:00' }, timeZone: 'America/New_York' };
    expect(buildCreateBody({ ...input, type: 'draft' }).date).toBe('2026-07-01T12:00:00-04:00');
    expect(buildCreateBody({ ...input, type: 'now' })).not.toHaveProperty('date');
  });
});
