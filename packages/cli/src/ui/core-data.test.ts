// The UI's provider over @ember-archive/core, against the sample archive's S3 and DANDI servers on loopback.
import { createArchive, loadConfig } from '@ember-archive/core';
import { startSampleArchive, type RunningSampleArchive } from '@ember-archive/sample-archive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreData, firstValuesSelection, POSE_FRAME_LIMIT } from './core-data.js';
import type { ArchiveData, ListingEntry } from './data.js';

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
let data: ArchiveData;

async function listAll(uri: string | undefined): Promise<ListingEntry[]> {
  const all: ListingEntry[] = [];
  for await (const page of data.list(uri)) all.push(...page);
  return all;
}

beforeAll(async () => {
  sample = await startSampleArchive();
  const archive = createArchive(loadConfig({ EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3 }));
  data = createCoreData(archive, 'sample');
}, 120_000);

afterAll(async () => {
  await sample?.close();
});

describe('createCoreData over the sample archive', () => {
  it('lists the root (projects and dandisets), a project, and goes back up', async () => {
    const root = await listAll(undefined);
    const names = root.map((e) => e.name);
    expect(names).toContain('kumar2025');
    expect(names).toContain('000463');
    expect(root.find((e) => e.name === '000463')?.title).toBeTruthy();
    const project = root.find((e) => e.name === 'kumar2025');
    expect(project?.kind).toBe('folder');
    const inside = await listAll(project?.uri);
    expect(inside.map((e) => e.name)).toEqual(expect.arrayContaining(['pose_files', 'videos', 'classifiers']));
    const poseFiles = inside.find((e) => e.name === 'pose_files');
    expect(data.parent(poseFiles?.uri ?? '')).toBe(project?.uri);
  });

  it('opens a JABS pose file: tree, dataset details with first values, pose metrics', async () => {
    const project = (await listAll(undefined)).find((e) => e.name === 'kumar2025');
    const poseFolder = (await listAll(project?.uri)).find((e) => e.name === 'pose_files');
    const files = await listAll(poseFolder?.uri);
    const entry = files.find((e) => /_pose_est_v[3-9]\.h5$/.test(e.name)) ?? files[0];
    expect(entry).toBeDefined();
    const file = await data.open(entry?.uri ?? '');
    try {
      const top = await file.list('/');
      expect(top.map((n) => n.path)).toContain('/poseest');
      const children = await file.list('/poseest');
      const points = children.find((n) => n.path === '/poseest/points');
      expect(points?.kind).toBe('dataset');
      const details = await file.describe('/poseest/points');
      expect(details.dtype).toBe('uint16');
      expect(details.shape?.slice(-2)).toEqual([12, 2]);
      expect(details.firstValues).toHaveLength(12);
      expect(details.elementCount).toBe((details.shape ?? []).reduce((a, b) => a * b, 1));
      expect(file.stats().bytesFetched).toBeGreaterThan(0);

      const pose = await data.pose(file);
      expect(pose.source).toBe('jabs');
      expect(pose.keypoints).toHaveLength(12);
      expect(pose.framesRead).toBe(Math.min(pose.frameCount, POSE_FRAME_LIMIT));
      expect(pose.metrics).toHaveLength(pose.individuals.length);
      const nose = pose.metrics[0]?.find((m) => m.keypoint === 'nose');
      expect(nose?.x.length).toBe(pose.frameCount);
      expect(nose?.distance).toBeGreaterThan(0);
    } finally {
      await file.close();
    }
  });

  it('summarises an NWB file of dandiset 000463', async () => {
    const subjects = await listAll((await listAll(undefined)).find((e) => e.name === '000463')?.uri);
    const nwb = (await listAll(subjects[0]?.uri)).find((e) => e.name.endsWith('.nwb'));
    const file = await data.open(nwb?.uri ?? '');
    try {
      const summary = await data.nwbSummary(file);
      expect(summary.fields.find((f) => f.label === 'nwb_version')?.value).toMatch(/^2\./);
      expect(summary.subject.find((f) => f.label === 'species')?.value).toBe('Mus musculus');
      const processing = summary.sections.find((s) => s.name === 'processing');
      const interfaces = processing?.objects.flatMap((o) => o.children ?? []).map((c) => c.neurodataType);
      expect(interfaces).toContain('ndx-pose.PoseEstimation');

      // The pose screen asks for a container by path when the file has several cameras.
      const first = await data.pose(file);
      expect(first.containers).toContain(first.container);
      const chosen = await data.pose(file, first.container);
      expect(chosen.container).toBe(first.container);
      expect(chosen.keypoints).toEqual(first.keypoints);
      await expect(data.pose(file, '/processing/behavior/NoSuchCamera')).rejects.toThrow(/NoSuchCamera/);
    } finally {
      await file.close();
    }
  });

  it('fails with one sentence for a folder opened as a file', async () => {
    const project = (await listAll(undefined)).find((e) => e.name === 'kumar2025');
    await expect(data.open(project?.uri ?? '')).rejects.toThrow(/not a file|folder/i);
  });
});
