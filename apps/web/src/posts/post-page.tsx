import { useState } from 'react';
import { useApi } from '../api/api-context';
import { type ApiError, toApiError } from '../api/api-error';
import { providerName } from '../channels/provider-name';
import { ErrorMessage } from '../common/error-message';
import { useAsync } from '../common/use-async';
import { Link } from '../routing/link';
import { isoToWallClock } from '../time/zoned-date-time.util';
import { MovePostForm } from './move-post-form';
import { PostStateBadge } from './post-state-badge';

interface Props {
  id: string;
  timeZone: string;
}

/** One post: its state and outcome, and what can still be done with it. */
export function PostPage({ id, timeZone }: Props) {
  const api = useApi();
  const { data: post, error, loading, reload } = useAsync(() => api.getPost(id), [api, id]);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [deleted, setDeleted] = useState(false);

  async function act<T>(what: () => Promise<T>, done: (answer: T) => string, after: () => void = reload): Promise<void> {
    setActionError(null);
    setNotice(null);
    try {
      setNotice(done(await what()));
      after();
    } catch (e) {
      setActionError(toApiError(e));
    }
  }

  function publishAgain(): void {
    if (!window.confirm('This post is already published. Publish it again, as a new post on the network?')) return;
    void act(() => api.publishNow(id, true), () => 'Publishing again.');
  }

  function remove(): void {
    if (!window.confirm('Delete this post and the other channels’ posts of its group?')) return;
    // The post is gone afterwards: say what was deleted rather than reload a 404.
    void act(
      () => api.deletePost(id),
      (answer) => `Deleted ${answer.deleted.length === 1 ? 'the post' : `${answer.deleted.length} posts (the whole group)`}.`,
      () => setDeleted(true),
    );
  }

  if (deleted) {
    return (
      <section>
        <p role="status">{notice}</p>
        <Link to="/">Back to the calendar</Link>
      </section>
    );
  }
  if (loading && !post) return <p>Loading…</p>;
  if (!post) return <ErrorMessage error={error} />;
  const at = isoToWallClock(post.publishAt, timeZone);

  return (
    <section className="post-detail">
      <h2>
        {post.integration.name} <span className="muted">({providerName(post.integration.providerIdentifier)})</span>
      </h2>
      <dl>
        <dt>State</dt>
        <dd>
          <PostStateBadge state={post.heraldState} />
        </dd>
        <dt>Publish time</dt>
        <dd>
          {at.date} {at.time} <span className="muted">({timeZone}; {post.publishAt})</span>
        </dd>
        {post.errorCode && (
          <>
            <dt>Error</dt>
            <dd className="error">
              <strong>{post.errorCode}</strong>: {post.error}
            </dd>
          </>
        )}
        {post.releaseURL && (
          <>
            <dt>Published at</dt>
            <dd>
              <a href={post.releaseURL} target="_blank" rel="noreferrer">
                {post.releaseURL}
              </a>
            </dd>
          </>
        )}
        {post.workflowUrl && (
          <>
            <dt>Workflow</dt>
            <dd>
              <a href={post.workflowUrl} target="_blank" rel="noreferrer">
                {post.workflowId}
              </a>
            </dd>
          </>
        )}
        <dt>Text</dt>
        <dd className="content">{post.content || <span className="muted">(no text)</span>}</dd>
        {post.image.length > 0 && (
          <>
            <dt>Media</dt>
            <dd>
              {post.image.map((m) => (
                <div key={m.path}>
                  <a href={m.path}>{m.path}</a>
                </div>
              ))}
            </dd>
          </>
        )}
      </dl>
      {/* What the API would refuse is not offered: a post being published cannot change (409), and a
          published one moves nowhere and goes out again only with the explicit republish flag. */}
      {post.heraldState === 'PUBLISHING' && <p className="muted">Being published now: it cannot be changed until the network answers.</p>}
      {post.heraldState !== 'PUBLISHED' && post.heraldState !== 'PUBLISHING' && (
        <MovePostForm
          initial={at}
          timeZone={timeZone}
          onMove={(date) => act(() => api.movePost(id, date, timeZone), () => `Moved to ${date}.`)}
        />
      )}
      <div className="actions">
        {post.heraldState === 'PUBLISHED' ? (
          <button type="button" onClick={publishAgain}>
            Publish again
          </button>
        ) : (
          post.heraldState !== 'PUBLISHING' && (
            <button type="button" onClick={() => void act(() => api.publishNow(id), () => 'Publishing now.')}>
              Publish now
            </button>
          )
        )}
        <button type="button" className="danger" onClick={remove}>
          Delete
        </button>
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </div>
      <ErrorMessage error={actionError} />
      {notice && <p role="status">{notice}</p>}
    </section>
  );
}
