import { useCallback, useEffect, useState } from 'react';
import { type ApiError, toApiError } from '../api/api-error';

export interface AsyncState<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** Loads `load()` whenever its dependencies change; an answer that arrives late is dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  // The caller names the dependencies, as with useEffect.
  const stableLoad = useCallback(load, deps);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    stableLoad().then(
      (value) => {
        if (current) setData(value);
      },
      (e: unknown) => {
        if (current) setError(toApiError(e));
      },
    ).finally(() => {
      if (current) setLoading(false);
    });
    return () => {
      current = false;
    };
  }, [stableLoad, version]);

  return { data, error, loading, reload: () => setVersion((v) => v + 1) };
}
