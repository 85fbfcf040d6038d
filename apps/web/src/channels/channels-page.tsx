import { useApi } from '../api/api-context';
import { ErrorMessage } from '../common/error-message';
import { useAsync } from '../common/use-async';
import { providerName } from './provider-name';

/** The organization's channels, with what the user must do about each login. */
export function ChannelsPage() {
  const api = useApi();
  const { data: channels, error, loading } = useAsync(() => api.listChannels(), [api]);

  return (
    <section>
      <h2>Channels</h2>
      <ErrorMessage error={error} />
      {loading && <p>Loading…</p>}
      {channels && channels.length === 0 && <p>No channels are connected.</p>}
      {channels && channels.length > 0 && (
        <table className="channels">
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">Network</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {channels.map((channel) => (
              <tr key={channel.id}>
                <td>
                  {channel.name}
                  {channel.profile && <span className="muted"> @{channel.profile}</span>}
                </td>
                <td>{providerName(channel.identifier)}</td>
                <td>
                  {channel.refreshNeeded && <strong className="warning">Reconnect needed. </strong>}
                  {channel.disabled && <strong className="warning">Disabled. </strong>}
                  {channel.warning ? <span className="warning">{channel.warning}</span> : !channel.refreshNeeded && !channel.disabled && 'OK'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
