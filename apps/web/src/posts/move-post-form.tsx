import { type FormEvent, useState } from 'react';
import { type WallClock, wallClockToIso } from '../time/zoned-date-time.util';

interface Props {
  initial: WallClock;
  timeZone: string;
  /** Called with the ISO date (with the zone's offset) to send as PUT /posts/:id {date}. */
  onMove: (date: string) => Promise<void>;
}

export function MovePostForm({ initial, timeZone, onMove }: Props) {
  const [when, setWhen] = useState(initial);

  function submit(event: FormEvent): void {
    event.preventDefault();
    void onMove(wallClockToIso(when, timeZone));
  }

  return (
    <form className="move" onSubmit={submit}>
      <fieldset>
        <legend>Move to ({timeZone})</legend>
        <label htmlFor="move-date">New date</label>
        <input id="move-date" type="date" value={when.date} onChange={(e) => setWhen({ ...when, date: e.target.value })} required />
        <label htmlFor="move-time">New time</label>
        <input id="move-time" type="time" value={when.time} onChange={(e) => setWhen({ ...when, time: e.target.value })} required />
        <button type="submit">Move</button>
      </fieldset>
    </form>
  );
}
