import type { ReactNode } from 'react';
import { Link } from '../routing/link';
import { TimeZonePicker } from '../time/time-zone-picker';

interface Props {
  timeZone: string;
  onTimeZoneChange: (timeZone: string) => void;
  onSignOut: () => void;
  children: ReactNode;
}

export function AppShell({ timeZone, onTimeZoneChange, onSignOut, children }: Props) {
  return (
    <>
      <header className="shell">
        <strong>Herald</strong>
        <nav aria-label="Main">
          <Link to="/">Calendar</Link>
          <Link to="/compose">New post</Link>
          <Link to="/channels">Channels</Link>
        </nav>
        <TimeZonePicker value={timeZone} onChange={onTimeZoneChange} />
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main>{children}</main>
    </>
  );
}
