// The viewer's routes, one per view, each with typed search parameters (routes/search.ts). Hash history: deep
// links (`/#/pose?id=...`) work from any static server, including `ember-archive serve`, with no fallback route.
// Search values are plain strings in the URL (not TanStack's default JSON), so links stay readable and pasteable.
import {
  createHashHistory,
  createRootRoute,
  createRoute,
  createRouter,
  parseSearchWith,
  stringifySearchWith,
  useNavigate,
  type RouterHistory,
} from '@tanstack/react-router';
import { Layout } from './components/Layout.js';
import { BrowserView } from './routes/BrowserView.js';
import { FileView } from './routes/FileView.js';
import { HomeView } from './routes/HomeView.js';
import { PoseScreen } from './routes/PoseScreen.js';
import {
  parseBrowseSearch,
  parseFileSearch,
  parseHomeSearch,
  parsePoseSearch,
  type BrowseSearch,
  type FileSearch,
  type HomeSearch,
  type PoseSearch,
} from './routes/search.js';

const rootRoute = createRootRoute({ component: Layout });

const homeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  validateSearch: (raw: Record<string, unknown>): HomeSearch => parseHomeSearch(raw),
  component: function HomeRoute() {
    const navigate = useNavigate({ from: '/' });
    return <HomeView search={homeRoute.useSearch()} onSearch={(search) => void navigate({ search, replace: true })} />;
  },
});

const browseRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/browse',
  validateSearch: (raw: Record<string, unknown>): BrowseSearch => parseBrowseSearch(raw),
  component: function BrowseRoute() {
    const navigate = useNavigate({ from: '/browse' });
    return <BrowserView search={browseRoute.useSearch()} onSearch={(search) => void navigate({ search })} />;
  },
});

const fileRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/file',
  validateSearch: (raw: Record<string, unknown>): FileSearch => parseFileSearch(raw),
  component: function FileRoute() {
    const navigate = useNavigate({ from: '/file' });
    return <FileView search={fileRoute.useSearch()} onSearch={(search) => void navigate({ search })} />;
  },
});

const poseRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/pose',
  validateSearch: (raw: Record<string, unknown>): PoseSearch => parsePoseSearch(raw),
  component: function PoseRoute() {
    const navigate = useNavigate({ from: '/pose' });
    return <PoseScreen search={poseRoute.useSearch()} onSearch={(search) => void navigate({ search })} />;
  },
});

const routeTree = rootRoute.addChildren([homeRoute, browseRoute, fileRoute, poseRoute]);

// Lists (selected keypoints) travel comma-separated; everything else as its string.
const stringifyValue = (value: unknown): string => (Array.isArray(value) ? value.join(',') : String(value));

/** The viewer's router over `history` (hash history in the browser, memory history in tests). */
export function createAppRouter(history: RouterHistory = createHashHistory()) {
  return createRouter({
    routeTree,
    history,
    parseSearch: parseSearchWith((value) => value),
    stringifySearch: stringifySearchWith(stringifyValue),
    defaultPreload: false,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
