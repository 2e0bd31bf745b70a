// The explorer contract (core's suite, run against every provider) against the HTTP provider talking to this API on
// a free loopback port, over the sample archive with the corpus files added to its bucket under corpus/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@ember-archive/core';
import {
  buildWorld,
  corpusDir,
  generateJabsPose,
  generateNwbPose,
  serveWorld,
  type RunningSampleArchive,
} from '@ember-archive/sample-archive';
import { afterAll } from 'vitest';
import { describeExplorerContract } from '../../../core/src/explorer/test-support/explorer-contract.js';
import { CONTRACT_CORPUS } from '../../../core/src/explorer/test-support/contract-targets.js';
import { startServer, type RunningServer } from '../node.js';
import { createHttpExplorer } from './http-explorer.js';

let sample: RunningSampleArchive | undefined;
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.close();
  await sample?.close();
});

describeExplorerContract('http client', async () => {
  const world = await buildWorld({
    generators: {
      jabsPose: async (params) => (await generateJabsPose(params)).bytes,
      nwbPose: async (params) => (await generateNwbPose(params)).bytes,
    },
  });
  for (const name of CONTRACT_CORPUS) {
    world.store.putBytes(`corpus/${name}`, new Uint8Array(readFileSync(join(corpusDir(), name))));
  }
  sample = await serveWorld(world);
  server = await startServer(loadConfig({ EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3 }), { port: 0 });
  return {
    explorer: createHttpExplorer(server.url),
    corpusUri: (name) => `s3://${world.bucket}/corpus/${name}`,
  };
});
