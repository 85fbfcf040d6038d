import type { ApiError } from '../api/api-error';

/** The API's own sentence, with the field it names and its status, where the user acted. */
export function ErrorMessage({ error }: { error: ApiError | null | undefined }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {error.message}
      {error.status > 0 && (
        <span className="error-meta">
          {' '}
          ({error.status} {error.code}
          {error.field ? `, field ${error.field}` : ''})
        </span>
      )}
    </p>
  );
}
