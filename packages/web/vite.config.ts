// Vite build of the viewer. `ember-archive serve` serves dist/ at "/"; in development the API runs elsewhere and
// EMBER_API_ORIGIN (e.g. http://127.0.0.1:8080) is proxied so the viewer's same-origin requests reach it.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiOrigin = process.env.EMBER_API_ORIGIN ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    target: 'es2022',
    sourcemap: false,
    // h5web and three.js are ~400 KB gzip by themselves: they load on demand (see components/H5webInspector),
    // so the warning would only repeat what the budget check in the README already measures.
    chunkSizeWarningLimit: 2500,
  },
  server: { proxy: { '/v1': apiOrigin, '/h5grove': apiOrigin } },
});
