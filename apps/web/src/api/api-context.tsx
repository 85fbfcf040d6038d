import { createContext, useContext } from 'react';
import type { HeraldApiClient } from './api-client';

/** The signed-in organization's client; pages read it rather than building their own. */
export const ApiContext = createContext<HeraldApiClient | null>(null);

export function useApi(): HeraldApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside a signed-in ApiContext');
  return api;
}
