import { useState } from 'react';
import { useApi } from '../api/api-context';
import { ErrorMessage } from '../common/error-message';
import { useAsync } from '../common/use-async';
import { addDays, mondayOf, weekDates, weekRange } from '../time/week.util';
import { todayIn } from '../time/zoned-date-time.util';
import { WeekGrid } from './week-grid';

interface Props {
  timeZone: string;
  now?: () => Date;
}

/** The week's posts in the chosen zone, with navigation between weeks. */
export function CalendarPage({ timeZone, now = () => new Date() }: Props) {
  const api = useApi();
  const today = todayIn(timeZone, now());
  const [monday, setMonday] = useState(() => mondayOf(today));
  const range = weekRange(monday, timeZone);
  const { data, error, loading, reload } = useAsync(() => api.listPosts(range.startDate, range.endDate), [api, range.startDate, range.endDate]);

  return (
    <section>
      <h2>
        Week of {monday} <span className="muted">({timeZone})</span>
      </h2>
      <nav className="week-nav" aria-label="Weeks">
        <button type="button" onClick={() => setMonday(addDays(monday, -7))}>
          ← Previous week
        </button>
        <button type="button" onClick={() => setMonday(mondayOf(today))}>
          This week
        </button>
        <button type="button" onClick={() => setMonday(addDays(monday, 7))}>
          Next week →
        </button>
        <button type="button" onClick={reload}>
          Refresh
        </button>
        {loading && <span className="muted"> Loading…</span>}
      </nav>
      <ErrorMessage error={error} />
      <WeekGrid dates={weekDates(monday)} posts={data?.posts ?? []} timeZone={timeZone} today={today} />
    </section>
  );
}
