// The end-to-end run: a real Chromium against `ember-archive serve` on the sample archive (see e2e/).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { environment: 'node', include: ['e2e/**/*.e2e.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 },
});
