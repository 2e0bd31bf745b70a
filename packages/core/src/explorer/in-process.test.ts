// The in-process provider of the explorer seam against the sample archive's S3 and DANDI servers on loopback.
import { startSampleArchive, type RunningSampleArchive } from '@ember-archive/sample-archive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArchive } from '../archive/archive.js';
import { loadConfig } from '../config.js';
import { InvalidInputError } from '../errors.js';
import { createNodeExplorer } from './node-explorer.js';
import type { ListingEntry } from './explorer.js';
import { firstValuesSelection } from './dataset-summary.js';
import { createExplorer, type InProcessExplorer } from './in-process.js';
import { openHdf5 } from '../hdf5/open-hdf5.js';

describe('firstValuesSelection', () => {
  it.each([
    [[1800], 12, [[0, 12]]],
    [[5], 12, [[0, 5]]],
    [[1800, 12, 2], 12, [[0, 1], [0, 6], [0, 2]]],
    [[1800, 12], 12, [[0, 1], [0, 12]]],
    [[10, 100], 12, [[0, 1], [0, 12]]],
    [[3, 2, 2], 12, [[0, 3], [0, 2], [0, 2]]],
    [[4, 50, 3], 12, [[0, 1], [0, 4], [0, 3]]],
  ])('shape %j, %d values: %j', (shape, count, selection) => {
    expect(firstValuesSelection(shape, count)).toEqual(selection);
  });
});

let sample: RunningSampleArchive;
let explorer: InProcessExplorer;

beforeAll(async () => {
  sample = await startSampleArchive();
  explorer = createNodeExplorer(createArchive(loadConfig({ EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3 })), 'sample');
}, 120_000);

afterAll(async () => {
  await sample?.close();
});

async function listAll(uri: string | undefined): Promise<ListingEntry[]> {
  const all: ListingEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await explorer.listPage(uri, cursor);
    all.push(...page.entries);
    cursor = page.next;
  } while (cursor !== undefined);
  return all;
}

describe('listing pages by cursor', () => {
  it('pages a dandiset listing with small pages, each page once, the same rows as one big page', async () => {
    const config = loadConfig({ EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3 });
    const archive = createArchive(config);
    let listings = 0;
    const counting = createExplorer({
      archive: { ...archive, parse: (i) => archive.parse(i), format: (t) => archive.format(t),
        listEntries: (t, o) => {
          listings += 1;
          return archive.listEntries(t, { ...o, pageSize: 2 });
        } } as typeof archive,
      openHdf5,
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

  it('a cursor of another listing or garbage is an InvalidInputError', async () => {
    const first = await explorer.listPage(undefined);
    expect(first.next).toBeDefined();
    await expect(explorer.listPage('s3://ember-open-data/other/', first.next)).rejects.toThrow(InvalidInputError);
    await expect(explorer.listPage(undefined, 'not-a-cursor')).rejects.toThrow(InvalidInputError);
  });

  it('goes back up with parent()', async () => {
    const project = (await listAll(undefined)).find((e) => e.name === 'kumar2025');
    const poseFiles = (await listAll(project?.uri)).find((e) => e.name === 'pose_files');
    expect(explorer.parent(poseFiles?.uri ?? '')).toBe(project?.uri);
    expect(explorer.parent('')).toBeNull();
  });
});

describe('pose views', () => {
  it('reads a window, metrics per individual and series decimated to at most N points', async () => {
    const project = (await listAll(undefined)).find((e) => e.name === 'kumar2025');
    const poseFolder = (await listAll(project?.uri)).find((e) => e.name === 'pose_files');
    const entry = (await listAll(poseFolder?.uri)).find((e) => /_pose_est_v[3-9]\.h5$/.test(e.name));
    const file = await explorer.open(entry?.uri ?? '');
    try {
      const all = await file.pose();
      expect(all.start).toBe(0);
      expect(all.end).toBe(all.frameCount);
      expect(all.series).toHaveLength(all.individuals.length * all.keypoints.length);
      expect(all.series[0]?.frame).toHaveLength(all.end - all.start);

      const window = await file.pose({ start: 10, end: 140, points: 25 });
      expect([window.start, window.end]).toEqual([10, 140]);
      expect(window.metrics).toHaveLength(window.individuals.length);
      for (const series of window.series) {
        expect(series.frame.length).toBeLessThanOrEqual(25);
        expect(series.frame[0]).toBeGreaterThanOrEqual(10);
        expect(series.frame.at(-1)).toBeLessThan(140);
        // The extremes of the full-resolution window survive decimation.
        const full = all.series.find((s) => s.individual === series.individual && s.keypoint === series.keypoint);
        const xs = (full?.x ?? []).slice(10, 140).filter((v) => !Number.isNaN(v));
        if (xs.length > 0) expect(Math.max(...series.x.filter((v) => !Number.isNaN(v)))).toBe(Math.max(...xs));
      }
      await expect(file.pose({ start: 0, end: all.frameCount + 1 })).rejects.toThrow(InvalidInputError);
    } finally {
      await file.close();
    }
  });

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
