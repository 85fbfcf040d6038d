import type { Channel } from '../api/api.types';
import { providerName } from '../channels/provider-name';

interface Props {
  channels: readonly Channel[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
}

export function ChannelPicker({ channels, selected, onChange }: Props) {
  function toggle(id: string, on: boolean): void {
    onChange(on ? [...selected, id] : selected.filter((s) => s !== id));
  }
  return (
    <>
      {channels.map((channel) => (
        <label key={channel.id} className="check">
          <input type="checkbox" checked={selected.includes(channel.id)} onChange={(e) => toggle(channel.id, e.target.checked)} />
          {channel.name} <span className="muted">({providerName(channel.identifier)})</span>
          {channel.warning && <span className="warning"> {channel.warning}</span>}
        </label>
      ))}
    </>
  );
}
