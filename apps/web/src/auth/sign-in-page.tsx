import { type FormEvent, useState } from 'react';
import { HeraldApiClient } from '../api/api-client';
import { type ApiError, toApiError } from '../api/api-error';
import { ErrorMessage } from '../common/error-message';

interface Props {
  /** Called with a key the API accepted. */
  onSignedIn: (apiKey: string) => void;
  /** Builds the client that checks the key (tests pass a fake). */
  clientFor?: (apiKey: string) => Pick<HeraldApiClient, 'listChannels'>;
}

/** Sign in with the organization's API key: the one `npm start` prints. */
export function SignInPage({ onSignedIn, clientFor = (key) => new HeraldApiClient(key) }: Props) {
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [checking, setChecking] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setChecking(true);
    setError(null);
    try {
      // Any authenticated read tells whether the key is good; the channels are needed next anyway.
      await clientFor(apiKey.trim()).listChannels();
      onSignedIn(apiKey.trim());
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setChecking(false);
    }
  }

  return (
    <main className="sign-in">
      <h1>Herald</h1>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="api-key">Organization API key</label>
        <input id="api-key" type="password" autoComplete="off" value={apiKey} onChange={(e) => setApiKey(e.target.value)} required />
        <p className="hint">
          <code>npm start</code> prints it. It is kept in this browser until you sign out.
        </p>
        <button type="submit" disabled={checking || apiKey.trim() === ''}>
          {checking ? 'Checking…' : 'Sign in'}
        </button>
        <ErrorMessage error={error} />
      </form>
    </main>
  );
}
