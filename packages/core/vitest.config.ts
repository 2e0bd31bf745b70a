import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // openHdf5's worker thread runs compiled JavaScript from dist: build it first when stale. tls-setup makes the CA
    // the https test runs trust (NODE_EXTRA_CA_CERTS), before the test processes start.
    globalSetup: ['./src/hdf5/test-support/build-worker.ts', './src/test-support/tls-setup.ts'],
  },
});
