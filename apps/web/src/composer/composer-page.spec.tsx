/** @jest-environment jsdom */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { ApiContext } from '../api/api-context';
import { ApiError } from '../api/api-error';
import { aChannel, createFakeApiClient } from '../testing/fake-api-client';
import { ComposerPage } from './composer-page';

describe(ComposerPage.name, () => {
  const now = () => new Date('2026-03-25T12:00:00.000Z');

  async function compose(timeZone: string) {
    const api = createFakeApiClient();
    api.listChannels.mockResolvedValue([aChannel({ id: 'ig', name: 'Herald Bakery' }), aChannel({ id: 'fb', name: 'Herald Page', identifier: 'facebook' })]);
    render(
      <ApiContext.Provider value={api}>
        <ComposerPage timeZone={timeZone} now={now} />
      </ApiContext.Provider>,
    );
    fireEvent.click(await screen.findByRole('checkbox', { name: /Herald Bakery/ }));
    fireEvent.change(screen.getByLabelText('Text'), { target: { value: 'Hot cross buns' } });
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2026-03-29' } });
    fireEvent.change(screen.getByLabelText('Time'), { target: { value: '09:00' } });
    return api;
  }

  it('should schedule at the picked time in the chosen zone, with that zone’s offset on that date', async () => {
    const api = await compose('Europe/London');
    api.createPosts.mockResolvedValue([{ postId: 'p1', integration: 'ig', group: 'g', state: 'QUEUE', publishAt: '2026-03-29T08:00:00.000Z', workflow: 'started' }]);

    expect(screen.getByText(/sent as 2026-03-29T09:00:00\+01:00/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Schedule' }));

    expect((await screen.findByRole('status')).textContent).toContain('p1');
    expect(api.createPosts).toHaveBeenCalledWith({
      type: 'schedule',
      date: '2026-03-29T09:00:00+01:00',
      timeZone: 'Europe/London',
      posts: [{ integration: { id: 'ig' }, value: [{ content: 'Hot cross buns', image: [] }] }],
    });
  });

  it('should show the API’s 400 next to the field it names', async () => {
    const api = await compose('America/New_York');
    api.createPosts.mockRejectedValue(new ApiError(400, 'VALIDATION', 'date is in the past (2026-03-01T14:00:00.000Z); use type "now" to publish at once', 'date'));

    fireEvent.click(screen.getByRole('button', { name: 'Schedule' }));

    const when = screen.getByRole('group', { name: /When/ });
    expect((await within(when).findByRole('alert')).textContent).toBe(
      'date is in the past (2026-03-01T14:00:00.000Z); use type "now" to publish at once (400 VALIDATION, field date)',
    );
    expect(within(screen.getByRole('group', { name: 'Channels' })).queryByRole('alert')).toBeNull();
  });

  it('should post now without a date and save a draft with one', async () => {
    const api = await compose('America/New_York');
    api.createPosts.mockResolvedValue([]);

    fireEvent.click(screen.getByRole('button', { name: 'Post now' }));
    await screen.findByRole('status');
    fireEvent.click(screen.getByRole('button', { name: 'Save as draft' }));
    await screen.findByRole('status');

    expect(api.createPosts.mock.calls.map(([body]: [{ type: string; date?: string }]) => [body.type, body.date])).toEqual([
      ['now', undefined],
      ['draft', '2026-03-29T09:00:00-04:00'],
    ]);
  });
});
