// Renders the whole viewer (router, layout, views) at a URL against a fake API, as the browser would.
import { createMemoryHistory, RouterProvider } from '@tanstack/react-router';
import { render } from '@testing-library/react';
import type { ViewerApi } from '../api/client.js';
import { ApiProvider } from '../api/context.js';
import { createAppRouter } from '../router.js';

/** The viewer at `url` (path and search, e.g. "/browse?id=..."); returns the router to inspect its location. */
export function renderApp(url: string, api: ViewerApi) {
  const router = createAppRouter(createMemoryHistory({ initialEntries: [url] }));
  const result = render(
    <ApiProvider api={api}>
      <RouterProvider router={router} />
    </ApiProvider>,
  );
  return { ...result, router };
}

/** The validated search parameters of the route on screen (the URL's, typed by routes/search.ts). */
export function searchOf(router: ReturnType<typeof createAppRouter>): Record<string, unknown> {
  return (router.state.matches.at(-1)?.search ?? {}) as Record<string, unknown>;
}
