import { type FormEvent, useState } from 'react';
import { useApi } from '../api/api-context';
import { type ApiError, toApiError } from '../api/api-error';
import type { CreatePostType, CreatedPost, UploadedMedia } from '../api/api.types';
import { ErrorMessage } from '../common/error-message';
import { useAsync } from '../common/use-async';
import { Link } from '../routing/link';
import { postPath } from '../routing/routes';
import { nextWholeHour, wallClockToIso } from '../time/zoned-date-time.util';
import { buildCreateBody } from './build-create-body';
import { ChannelPicker } from './channel-picker';
import { type ComposerField, composerFieldOf } from './form-field.util';
import { MediaField } from './media-field';

interface Props {
  timeZone: string;
  now?: () => Date;
}

/** One post to one or more channels: schedule it, publish it now or keep it as a draft. */
export function ComposerPage({ timeZone, now = () => new Date() }: Props) {
  const api = useApi();
  const channels = useAsync(() => api.listChannels(), [api]);
  const [selected, setSelected] = useState<string[]>([]);
  const [content, setContent] = useState('');
  const [media, setMedia] = useState<UploadedMedia[]>([]);
  const [when, setWhen] = useState(() => nextWholeHour(timeZone, now()));
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<CreatedPost[] | null>(null);

  const errorAt = (field: ComposerField): ApiError | null => (error && composerFieldOf(error.field) === field ? error : null);
  let preview = '';
  try {
    preview = wallClockToIso(when, timeZone);
  } catch {
    preview = ''; // an incomplete date or time while typing
  }

  async function send(type: CreatePostType): Promise<void> {
    setSending(true);
    setError(null);
    setCreated(null);
    try {
      setCreated(await api.createPosts(buildCreateBody({ type, channelIds: selected, content, media, when, timeZone })));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setSending(false);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    void send('schedule');
  }

  return (
    <section>
      <h2>New post</h2>
      <form className="composer" onSubmit={submit} noValidate>
        <fieldset>
          <legend>Channels</legend>
          <ErrorMessage error={channels.error} />
          <ChannelPicker channels={channels.data ?? []} selected={selected} onChange={setSelected} />
          <ErrorMessage error={errorAt('channels')} />
        </fieldset>
        <div className="field">
          <label htmlFor="content">Text</label>
          <textarea id="content" rows={6} value={content} onChange={(e) => setContent(e.target.value)} />
          <span className="muted">{content.length} characters</span>
          <ErrorMessage error={errorAt('content')} />
        </div>
        <MediaField media={media} onChange={setMedia} postError={errorAt('media')} />
        <fieldset>
          <legend>When ({timeZone})</legend>
          <label htmlFor="date">Date</label>
          <input id="date" type="date" value={when.date} onChange={(e) => setWhen({ ...when, date: e.target.value })} />
          <label htmlFor="time">Time</label>
          <input id="time" type="time" value={when.time} onChange={(e) => setWhen({ ...when, time: e.target.value })} />
          {preview && <span className="muted"> sent as {preview}</span>}
          <ErrorMessage error={errorAt('when')} />
        </fieldset>
        <ErrorMessage error={errorAt('form')} />
        <div className="actions">
          <button type="submit" disabled={sending}>
            Schedule
          </button>
          <button type="button" onClick={() => void send('now')} disabled={sending}>
            Post now
          </button>
          <button type="button" onClick={() => void send('draft')} disabled={sending}>
            Save as draft
          </button>
        </div>
      </form>
      {created && (
        <div role="status" className="created">
          <p>Saved {created.length === 1 ? 'one post' : `${created.length} posts`}:</p>
          <ul>
            {created.map((post) => (
              <li key={post.postId}>
                <Link to={postPath(post.postId)}>{post.postId}</Link> {post.state}
                {post.warning && <span className="warning"> {post.warning}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
