import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // openHdf5's worker thread runs compiled JavaScript from dist: build it first when stale.
    globalSetup: ['./src/hdf5/test-support/build-worker.ts'],
  },
});
