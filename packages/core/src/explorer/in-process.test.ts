// What only the in-process provider does (the contract suite, explorer-contract.test.ts, covers the rest): cursors
// that continue the Archive's live listing, and the pose frame limit.
import { startSampleArchive, type RunningSampleArchive } from '@ember-archive/sample-archive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArchive } from '../archive/archive.js';
import { loadConfig } from '../config.js';
import { createNodeExplorer } from './node-explorer.js';
import type { ListingEntry } from './explorer.js';
import { createExplorer, type InProcessExplorer } from './in-process.js';
import { listAll as listEntries } from './test-support/contract-targets.js';
import { openHdf5 } from '../hdf5/node/open-hdf5.js';

let sample: RunningSampleArchive;
let explorer: InProcessExplorer;

beforeAll(async () => {
  sample = await startSampleArchive();
  explorer = createNodeExplorer(
    createArchive(loadConfig({ EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3 })),
    'sample',
  );
}, 120_000);

afterAll(async () => {
  await sample?.close();
});

const listAll = (uri: string | undefined): Promise<ListingEntry[]> => listEntries(explorer, uri);

describe('listing pages by cursor', () => {
  it('pages a dandiset listing with small pages, each page once, the same rows as one big page', async () => {
    const config = loadConfig({ EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3 });
    const archive = createArchive(config);
    let listings = 0;
    const counting = createExplorer({
      archive: {
        ...archive,
        parse: (i) => archive.parse(i),
        format: (t) => archive.format(t),
        listEntries: (t, o) => {
          listings += 1;
          return archive.listEntries(t, { ...o, pageSize: 2 });
        },
      } as typeof archive,
      openHdf5: (location, name) => openHdf5(location, { name }),
      rootLabel: 'counting',
    });
    const uri = (await listAll(undefined)).find((e) => e.name === '000463')?.uri;
    const subjects = await listAll(uri);
    const pages: ListingEntry[][] = [];
    let cursor: string | undefined;
    do {
      const page = await counting.listPage(uri, cursor);
      pages.push(page.entries);
      cursor = page.next;
    } while (cursor !== undefined);
    expect(pages.flat().map((e) => e.uri)).toEqual(subjects.map((e) => e.uri));
    expect(pages.length).toBeGreaterThan(1);
    // One listing for all the pages: a cursor continues the live iterator instead of re-reading earlier pages.
    expect(listings).toBe(1);
  });
});

describe('pose views', () => {
  it('caps a view without an end at the frame limit', async () => {
    const project = (await listAll(undefined)).find((e) => e.name === 'kumar2025');
    const poseFolder = (await listAll(project?.uri)).find((e) => e.name === 'pose_files');
    const entry = (await listAll(poseFolder?.uri)).find((e) => /_pose_est_v[3-9]\.h5$/.test(e.name));
    const capped = createNodeExplorer(explorer.archive, 'capped', { poseFrameLimit: 100 });
    const file = await capped.open(entry?.uri ?? '');
    try {
      const view = await file.pose({ start: 5 });
      expect([view.start, view.end]).toEqual([5, 105]);
      await expect(file.pose({ start: 0, end: 101 })).rejects.toThrow(/at most 100 frames/);
    } finally {
      await file.close();
    }
  });
});

describe('files of a dandiset', () => {
  it('are named as they were opened in what is read from them, not by the blob URL their bytes come from', async () => {
    const subject = (await listAll('dandi://ember-dandi/000463@draft/')).find((e) => e.kind === 'folder');
    const asset = (await listAll(subject?.uri)).find((e) => e.name.endsWith('.nwb'));
    const uri = asset?.uri ?? '';
    const file = await explorer.open(`${uri}#/processing`);
    try {
      expect(file.hdf5.location).toMatch(/\/blobs\//);
      expect(file.hdf5.name).toBe(uri);
      expect((await file.readNwbSummary()).location).toBe(uri);
      expect((await file.readPose({ start: 0, end: 10 })).location).toBe(uri);
    } finally {
      await file.close();
    }
  });
});
