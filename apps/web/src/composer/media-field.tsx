import { useState } from 'react';
import { useApi } from '../api/api-context';
import { type ApiError, toApiError } from '../api/api-error';
import type { UploadedMedia } from '../api/api.types';
import { ErrorMessage } from '../common/error-message';

interface Props {
  media: readonly UploadedMedia[];
  onChange: (media: UploadedMedia[]) => void;
  /** An error from POST /posts about the media. */
  postError: ApiError | null;
}

/** Uploads each chosen file at once (POST /upload), so a refused file is said before posting. */
export function MediaField({ media, onChange, postError }: Props) {
  const api = useApi();
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function upload(files: FileList | null): Promise<void> {
    if (!files || files.length === 0) return;
    setUploading(true);
    setError(null);
    const added: UploadedMedia[] = [];
    try {
      for (const file of Array.from(files)) added.push(await api.upload(file));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setUploading(false);
      onChange([...media, ...added]);
    }
  }

  return (
    <div className="field">
      <label htmlFor="media">Image or video</label>
      <input id="media" type="file" accept="image/*,video/mp4,video/quicktime" multiple onChange={(e) => void upload(e.target.files)} disabled={uploading} />
      {uploading && <span className="muted"> Uploading…</span>}
      <ul className="media">
        {media.map((m) => (
          <li key={m.id}>
            {m.originalName ?? m.name} <span className="muted">({m.mimeType})</span>{' '}
            <button type="button" onClick={() => onChange(media.filter((x) => x.id !== m.id))} aria-label={`Remove ${m.originalName ?? m.name}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <ErrorMessage error={error ?? postError} />
    </div>
  );
}
