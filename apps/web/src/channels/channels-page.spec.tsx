/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import { ApiContext } from '../api/api-context';
import { aChannel, createFakeApiClient } from '../testing/fake-api-client';
import { ChannelsPage } from './channels-page';

describe(ChannelsPage.name, () => {
  it('should list each channel with its network and what to do about its login', async () => {
    const api = createFakeApiClient();
    api.listChannels.mockResolvedValue([
      aChannel({ id: 'fb', name: 'Herald Page', identifier: 'facebook', warning: 'The Facebook login ends on 2026-04-01: reconnect before then.' }),
      aChannel({ id: 'tt', name: 'herald.tiktok', identifier: 'tiktok', refreshNeeded: true, warning: 'Reconnect this TikTok account.' }),
      aChannel({ id: 'ig', name: 'Herald Bakery', identifier: 'instagram' }),
    ]);
    render(
      <ApiContext.Provider value={api}>
        <ChannelsPage />
      </ApiContext.Provider>,
    );

    const rows = (await screen.findAllByRole('row')).slice(1).map((row) => within(row).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      ['Herald Page @heraldbakery', 'Facebook Page', 'The Facebook login ends on 2026-04-01: reconnect before then.'],
      ['herald.tiktok @heraldbakery', 'TikTok', 'Reconnect needed. Reconnect this TikTok account.'],
      ['Herald Bakery @heraldbakery', 'Instagram (Facebook login)', 'OK'],
    ]);
  });
});
