import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dlcColumnsFromTuples, readDlcPose, readDlcTableColumns } from './dlc.js';
import { findTrack } from './model.js';
import { readPose } from './read-pose.js';
import { corpusExpected } from '@ember-archive/sample-archive';
import { openTestFile, writeFixture } from './test-support/corpus.js';

const DLC_FILE = 'dlc/m3v1mp4DLC_resnet50_openfieldAug20shuffle1_30000.h5';
const SCORER = 'DLC_resnet50_openfieldAug20shuffle1_30000';

describe('DeepLabCut native HDF5 (real DLC2NWB example file)', () => {
  it('column names come from the pickled attributes: scorer / bodyparts / coords', async () => {
    const file = await openTestFile(DLC_FILE);
    const { blocks, columns } = await readDlcTableColumns(file);
    expect(blocks).toEqual(['values_block_0']);
    // h5py sees values_block_0 as f8 (12,): 4 bodyparts x (x, y, likelihood)
    const dtype = corpusExpected('m3v1mp4DLC_resnet50_openfieldAug20shuffle1_30000.h5').nodes.get(
      '/df_with_missing/table',
    )?.dtype;
    expect(dtype).toContain("'values_block_0', '<f8', (12,)");
    expect(columns).toHaveLength(12);
    expect(columns.slice(0, 4)).toEqual([
      { scorer: SCORER, individual: 'ind1', bodypart: 'snout', coord: 'x' },
      { scorer: SCORER, individual: 'ind1', bodypart: 'snout', coord: 'y' },
      { scorer: SCORER, individual: 'ind1', bodypart: 'snout', coord: 'likelihood' },
      { scorer: SCORER, individual: 'ind1', bodypart: 'leftear', coord: 'x' },
    ]);
    await file.close();
  });

  it('values equal what h5py reads from the table (rows 0 and 1), in image coordinates', async () => {
    const file = await openTestFile(DLC_FILE);
    const pose = await readPose(file);
    expect(pose.source).toBe('dlc');
    expect(pose.formatVersion).toBe('0.15.2');
    expect(pose.frameCount).toBe(
      corpusExpected('m3v1mp4DLC_resnet50_openfieldAug20shuffle1_30000.h5').nodes.get('/df_with_missing/table')
        ?.shape?.[0],
    );
    expect(pose.keypoints).toEqual(['snout', 'leftear', 'rightear', 'tailbase']);
    expect(pose.individuals).toEqual(['ind1']);
    // h5py: table[:2]['values_block_0']
    const rows = [
      [
        77.29780579, 88.87557983, 0.99544525, 71.73614502, 103.00622559, 0.99852788, 86.11341095, 88.75559235,
        0.99848288, 138.15983582, 184.27072144, 0.99846399,
      ],
      [
        74.80208588, 86.62910461, 0.99861825, 70.50366974, 100.29814911, 0.99944085, 83.24533844, 86.7898407,
        0.99942458, 139.41539001, 181.81416321, 0.99952888,
      ],
    ];
    pose.keypoints.forEach((keypoint, k) => {
      const track = findTrack(pose, 'ind1', keypoint)!;
      for (let f = 0; f < 2; f++) {
        expect(track.x[f]).toBeCloseTo(rows[f]![k * 3]!, 6);
        expect(track.y[f]).toBeCloseTo(rows[f]![k * 3 + 1]!, 6);
        expect(track.confidence[f]).toBeCloseTo(rows[f]![k * 3 + 2]!, 6);
      }
    });
    await file.close();
  });

  it('a window reads the same rows as a full read', async () => {
    const file = await openTestFile(DLC_FILE);
    const full = await readDlcPose(file);
    const part = await readDlcPose(file, { start: 1000, end: 1100, keypoints: ['tailbase'] });
    expect(part.tracks).toHaveLength(1);
    expect(Array.from(part.tracks[0]!.x)).toEqual(
      Array.from(findTrack(full, 'ind1', 'tailbase')!.x.subarray(1000, 1100)),
    );
    expect(part.time[0]).toBeCloseTo(1000 / 30, 12);
    await file.close();
  });
});

describe('DeepLabCut columns', () => {
  it('multi-animal tuples have four levels, ordered by the level names when known', () => {
    const columns = dlcColumnsFromTuples(
      [
        ['S', 'mouse2', 'nose', 'x'],
        ['S', 'mouse2', 'nose', 'likelihood'],
      ],
      ['scorer', 'individuals', 'bodyparts', 'coords'],
      'f',
    );
    expect(columns).toEqual([
      { scorer: 'S', individual: 'mouse2', bodypart: 'nose', coord: 'x' },
      { scorer: 'S', individual: 'mouse2', bodypart: 'nose', coord: 'likelihood' },
    ]);
    expect(() => dlcColumnsFromTuples([['S', 'x']], undefined, 'f.h5')).toThrow(/not \(scorer/);
  });

  it('reads the pandas "fixed" layout (block0_values + block0_items_level/label)', async () => {
    const bytes = await writeFixture((f) => {
      const g = f.create_group('df_with_missing');
      g.create_attribute('pandas_type', 'frame');
      g.create_attribute('pandas_version', '0.15.2');
      g.create_dataset({ name: 'block0_items_level0', data: ['S'] });
      g.create_dataset({ name: 'block0_items_level1', data: ['m1', 'm2'] });
      g.create_dataset({ name: 'block0_items_level2', data: ['nose'] });
      g.create_dataset({ name: 'block0_items_level3', data: ['likelihood', 'x', 'y'] });
      g.create_dataset({ name: 'block0_items_label0', data: new Int8Array([0, 0, 0, 0, 0, 0]) });
      g.create_dataset({ name: 'block0_items_label1', data: new Int8Array([0, 0, 0, 1, 1, 1]) });
      g.create_dataset({ name: 'block0_items_label2', data: new Int8Array([0, 0, 0, 0, 0, 0]) });
      g.create_dataset({ name: 'block0_items_label3', data: new Int8Array([1, 2, 0, 1, 2, 0]) });
      g.create_dataset({ name: 'axis1', data: BigInt64Array.from([0n, 1n, 2n]) });
      g.create_dataset({
        name: 'block0_values',
        data: Float64Array.from([1, 2, 0.9, 10, 20, 0.8, 3, 4, 0.7, NaN, NaN, 0.1, 5, 6, 0.5, 50, 60, 0.4]),
        shape: [3, 6],
      });
    });
    const file = await openTestFile(bytes, 'fixed.h5');
    const pose = await readPose(file, { fps: 10 });
    expect(pose.individuals).toEqual(['m1', 'm2']);
    expect(Array.from(findTrack(pose, 'm2', 'nose')!.x)).toEqual([10, NaN, 50]);
    expect(Array.from(findTrack(pose, 'm1', 'nose')!.confidence)).toEqual([0.9, 0.7, 0.5]);
    expect(Array.from(pose.time)).toEqual([0, 0.1, 0.2]);
    await file.close();
  });
});

describe('multi-animal DeepLabCut table (written with h5py, pickles from CPython)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ember-dlc-'));
  const path = join(dir, 'maDLC.h5');
  execFileSync('/usr/bin/python3', [new URL('./test-support/make_dlc_fixtures.py', import.meta.url).pathname, path]);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads individuals, keypoints and values; unique bodyparts only where the file has columns', async () => {
    const file = await openTestFile(path);
    const pose = await readPose(file);
    expect(pose.individuals).toEqual(['mouse1', 'mouse2', 'single']);
    expect(pose.keypoints).toEqual(['snout', 'tail', 'food']);
    expect(pose.tracks.map((t) => `${t.individual}/${t.keypoint}`)).toEqual([
      'mouse1/snout',
      'mouse1/tail',
      'mouse2/snout',
      'mouse2/tail',
      'single/food',
    ]);
    expect(Array.from(findTrack(pose, 'mouse2', 'tail')!.x)).toEqual([210, 211, NaN, 213, 214]);
    expect(Array.from(findTrack(pose, 'single', 'food')!.y)).toEqual([320.5, 321.5, 322.5, 323.5, 324.5]);
    expect(findTrack(pose, 'mouse1', 'snout')!.confidence[1]).toBeCloseTo(0.8, 12);
    await file.close();
  });

  it('selects one individual and a window', async () => {
    const file = await openTestFile(path);
    const pose = await readPose(file, { individuals: ['mouse1'], start: 3, end: 5 });
    expect(pose.tracks.map((t) => t.keypoint)).toEqual(['snout', 'tail']);
    expect(Array.from(pose.tracks[1]!.x)).toEqual([113, 114]);
    await file.close();
  });
});
