// Test helper: the API over the sample archive (its S3 server and DANDI API on loopback), as the CLI's tests
// configure every command: EMBER_API_URL and EMBER_S3_ENDPOINT point at the sample servers.
import { loadConfig, type Config } from '@ember-archive/core';
import { startSampleArchive, type RunningSampleArchive } from '@ember-archive/sample-archive';
import { createNodeApp } from '../node.js';
import type { AppOptions } from '../app.js';

/** The sample archive, its configuration, and an app over it. */
export interface SampleApp {
  sample: RunningSampleArchive;
  config: Config;
  app: ReturnType<typeof createNodeApp>;
  /** GET `path` with `query` (values URL-encoded) and optional headers. */
  get(path: string, query?: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/** Start the sample archive and build the API over it. */
export async function startSampleApp(options: Omit<AppOptions, 'openHdf5' | 'docsAssets'> = {}): Promise<SampleApp> {
  const sample = await startSampleArchive();
  const config = loadConfig({ EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3 });
  const app = createNodeApp(config, options);
  return {
    sample,
    config,
    app,
    get: async (path, query = {}, headers = {}) => app.request(`${path}?${new URLSearchParams(query)}`, { headers }),
    close: async () => {
      await app.close();
      await sample.close();
    },
  };
}

/** The JSON body of a response, after checking its status. */
export async function jsonOf<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`HTTP ${response.status} (expected ${status}): ${text}`);
  return JSON.parse(text) as T;
}
