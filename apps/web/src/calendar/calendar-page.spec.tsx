/** @jest-environment jsdom */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { ApiContext } from '../api/api-context';
import { aPost, createFakeApiClient } from '../testing/fake-api-client';
import { CalendarPage } from './calendar-page';

describe(CalendarPage.name, () => {
  const now = () => new Date('2026-03-25T12:00:00.000Z'); // a Wednesday

  function renderCalendar(timeZone: string) {
    const api = createFakeApiClient();
    api.listPosts.mockResolvedValue({
      posts: [
        aPost({ id: 'p1', publishAt: '2026-03-25T09:00:00.000Z', heraldState: 'PUBLISHED', state: 'PUBLISHED' }),
        aPost({ id: 'p2', publishAt: '2026-03-27T23:30:00.000Z', heraldState: 'PUBLISHING', state: 'QUEUE', integration: { id: 'fb', providerIdentifier: 'facebook', name: 'Herald Page', picture: null } }),
      ],
      nextCursor: null,
    });
    render(
      <ApiContext.Provider value={api}>
        <CalendarPage timeZone={timeZone} now={now} />
      </ApiContext.Provider>,
    );
    return api;
  }

  it('should show each post on its day at its time in the chosen zone, with its state and channel', async () => {
    const api = renderCalendar('Asia/Tokyo');
    const wednesday = screen.getByRole('region', { name: 'Wed 2026-03-25' });
    const saturday = screen.getByRole('region', { name: 'Sat 2026-03-28' });

    expect((await within(wednesday).findByRole('link')).textContent).toBe('18:00 Herald Bakery · Instagram (Facebook login)Published (PUBLISHED)Fresh bread at nine');
    expect(within(saturday).getByRole('link').textContent).toContain('08:30 Herald Page · Facebook Page');
    expect(within(saturday).getByRole('link').textContent).toContain('Publishing (PUBLISHING)');
    expect(within(saturday).getByRole('link').getAttribute('href')).toBe('/posts/p2');
    expect(api.listPosts).toHaveBeenCalledWith('2026-03-22T15:00:00.000Z', '2026-03-29T14:59:59.999Z');
  });

  it('should ask for the next week’s posts when the user moves on', async () => {
    const api = renderCalendar('Europe/London');
    await screen.findAllByRole('link');

    fireEvent.click(screen.getByRole('button', { name: 'Next week →' }));

    expect(await screen.findByRole('heading', { name: /Week of 2026-03-30/ })).toBeTruthy();
    // BST began on the 29th: the next week's midnights are at 23:00Z
    expect(api.listPosts).toHaveBeenLastCalledWith('2026-03-29T23:00:00.000Z', '2026-04-05T22:59:59.999Z');
  });
});
