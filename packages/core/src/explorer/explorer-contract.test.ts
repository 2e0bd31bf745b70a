// The explorer contract against the in-process provider and the memory provider, over the sample archive's S3 and
// DANDI servers on loopback and the corpus in fixtures/corpus. The memory provider holds a snapshot recorded from
// the in-process one and must answer the same suite with its own paging, windows, selections and decimation.
import { join } from 'node:path';
import { corpusDir, startSampleArchive, type RunningSampleArchive } from '@ember-archive/sample-archive';
import { afterAll } from 'vitest';
import { createArchive } from '../archive/archive.js';
import { nodeLocalFiles } from '../archive/local-files.js';
import { loadConfig } from '../config.js';
import { createMemoryExplorer } from './memory-explorer.js';
import { createNodeExplorer } from './node-explorer.js';
import type { InProcessExplorer } from './in-process.js';
import { CONTRACT_CORPUS, findContractTargets } from './test-support/contract-targets.js';
import { describeExplorerContract } from './test-support/explorer-contract.js';
import { recordMemoryContent } from './test-support/record-memory.js';

let sample: RunningSampleArchive | undefined;
let inProcess: InProcessExplorer | undefined;

async function inProcessExplorer(): Promise<InProcessExplorer> {
  if (!inProcess) {
    sample = await startSampleArchive();
    const config = loadConfig({ EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3 });
    inProcess = createNodeExplorer(createArchive(config, { localFiles: nodeLocalFiles }), 'sample archive');
  }
  return inProcess;
}

const corpusPath = (name: string): string => join(corpusDir(), name);

afterAll(async () => {
  await sample?.close();
});

describeExplorerContract('in-process', async () => ({ explorer: await inProcessExplorer(), corpusUri: corpusPath }));

describeExplorerContract('memory', async () => {
  const source = await inProcessExplorer();
  const targets = await findContractTargets(source);
  const content = await recordMemoryContent(source, targets.folders, [
    targets.poseFile.uri,
    targets.nwbFile.uri,
    ...CONTRACT_CORPUS.map(corpusPath),
  ]);
  // Small pages, so the memory provider's own cursors are exercised over several pages.
  return { explorer: createMemoryExplorer(content, { pageSize: 2 }), corpusUri: corpusPath };
});
