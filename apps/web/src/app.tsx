import { useMemo, useState } from 'react';
import { ApiContext } from './api/api-context';
import { HeraldApiClient } from './api/api-client';
import { clearApiKey, readApiKey, saveApiKey } from './auth/api-key-store';
import { SignInPage } from './auth/sign-in-page';
import { CalendarPage } from './calendar/calendar-page';
import { ChannelsPage } from './channels/channels-page';
import { ComposerPage } from './composer/composer-page';
import { AppShell } from './layout/app-shell';
import { PostPage } from './posts/post-page';
import { type Route, parseRoute } from './routing/routes';
import { usePathname } from './routing/use-location';
import { readTimeZone, saveTimeZone } from './time/time-zone-store';

export function App() {
  const [apiKey, setApiKey] = useState(() => readApiKey());
  const [timeZone, setTimeZone] = useState(() => readTimeZone());
  const route = parseRoute(usePathname());
  const api = useMemo(() => (apiKey ? new HeraldApiClient(apiKey) : null), [apiKey]);

  if (!api) {
    return (
      <SignInPage
        onSignedIn={(key) => {
          saveApiKey(key);
          setApiKey(key);
        }}
      />
    );
  }

  return (
    <ApiContext.Provider value={api}>
      <AppShell
        timeZone={timeZone}
        onTimeZoneChange={(zone) => {
          saveTimeZone(zone);
          setTimeZone(zone);
        }}
        onSignOut={() => {
          clearApiKey();
          setApiKey(null);
        }}
      >
        <Page route={route} timeZone={timeZone} />
      </AppShell>
    </ApiContext.Provider>
  );
}

function Page({ route, timeZone }: { route: Route; timeZone: string }) {
  switch (route.name) {
    case 'calendar':
      // keyed by zone: the week shown is "this week" again in the new zone
      return <CalendarPage key={timeZone} timeZone={timeZone} />;
    case 'channels':
      return <ChannelsPage />;
    case 'compose':
      return <ComposerPage key={timeZone} timeZone={timeZone} />;
    case 'post':
      return <PostPage key={route.id} id={route.id} timeZone={timeZone} />;
    case 'not-found':
      return <p>Nothing here at {route.path}.</p>;
  }
}
