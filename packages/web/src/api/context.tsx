// The ViewerApi reaches views through context, so component tests render them against a fake.
import { createContext, useContext, type ReactNode } from 'react';
import type { ViewerApi } from './client.js';

const ApiContext = createContext<ViewerApi | undefined>(undefined);

/** Makes `api` available to every view below. */
export function ApiProvider({ api, children }: { api: ViewerApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

/** The ViewerApi of the nearest ApiProvider. */
export function useApi(): ViewerApi {
  const api = useContext(ApiContext);
  if (api === undefined) throw new Error('useApi needs an <ApiProvider> above it.');
  return api;
}
