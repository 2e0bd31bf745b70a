// Entry point: the viewer talks to the API on its own origin (`ember-archive serve` serves both).
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createViewerApi } from './api/client.js';
import { ApiProvider } from './api/context.js';
import { createAppRouter } from './router.js';
import './styles.css';

const router = createAppRouter();
const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <ApiProvider api={createViewerApi(window.location.origin)}>
      <RouterProvider router={router} />
    </ApiProvider>
  </StrictMode>,
);
