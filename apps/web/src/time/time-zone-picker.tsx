import { isValidTimeZone } from '@herald/domain';
import { useEffect, useState } from 'react';
import { knownTimeZones } from './time-zone-store';

interface Props {
  value: string;
  onChange: (timeZone: string) => void;
}

/** A free-text IANA zone with suggestions; only a zone the browser knows is taken. */
export function TimeZonePicker({ value, onChange }: Props) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const invalid = text !== value && !isValidTimeZone(text);

  function change(next: string): void {
    setText(next);
    if (isValidTimeZone(next)) onChange(next);
  }

  return (
    <span className="time-zone-picker">
      <label htmlFor="time-zone">Time zone</label>
      <input id="time-zone" list="time-zones" value={text} onChange={(e) => change(e.target.value)} aria-invalid={invalid} size={22} />
      <datalist id="time-zones">
        {knownTimeZones().map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      {invalid && <span className="error">not a time zone</span>}
    </span>
  );
}
