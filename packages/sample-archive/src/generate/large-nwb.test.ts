import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEEDING_BODY_PARTS, FeedingPoseModel } from './feeding-model.js';
import { loadH5wasm } from './hdf5-writer.js';
import { writeLargeNwb } from './large-nwb.js';
import { POSE_ESTIMATION_NAME, seriesName } from './nwb-pose.js';
import { byPath, describePaths, readWithH5py, requireH5py } from './test-support/h5py.js';
import type { LargeNwbResult } from './types.js';

// The real benchmark file is >= 1 GiB (`--large`); here a few MiB exercise the same streamed path.
const TARGET = 3 * 1024 * 1024;
let dir: string;
let path: string;
let result: LargeNwbResult;

beforeAll(async () => {
  requireH5py();
  dir = mkdtempSync(join(tmpdir(), 'ember-large-nwb-'));
  path = join(dir, 'large.nwb');
  result = await writeLargeNwb(path, { seed: 8, targetBytes: TARGET });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeLargeNwb', () => {
  it('writes at least the target size to disk and reports the true size and SHA-256', () => {
    expect(result.bytes).toBeGreaterThanOrEqual(TARGET);
    expect(statSync(path).size).toBe(result.bytes);
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(result.sha256);
  });

  it('holds chunked gzip pose series beside an uncompressed bulk acquisition dataset (h5py)', () => {
    const [file] = describePaths([path], false);
    const nodes = byPath(file!);
    for (const k of FEEDING_BODY_PARTS) {
      const data = nodes.get(`/processing/behavior/${POSE_ESTIMATION_NAME}/${seriesName(k)}/data`)!;
      expect(data.shape).toEqual([result.frames, 2]);
      expect(data.compression).toBe('gzip');
      expect(data.chunks![1]).toBe(2);
      expect(data.maxshape).toEqual([null, 2]);
    }
    const bulk = nodes.get('/acquisition/SyntheticBulkSignal/data')!;
    expect(bulk.dtype).toBe('int16');
    expect(bulk.compression).toBeNull();
    expect(bulk.shape![0]! * bulk.shape![1]! * 2).toBeGreaterThan(TARGET / 2);
    expect(file!.links.filter((l) => l.kind === 'hard')).toHaveLength(1);
  });

  it('holds the pose the model streams, written slice by slice into resizable datasets', () => {
    const expected = new FeedingPoseModel(8, 100).next(result.frames);
    const k = FEEDING_BODY_PARTS.indexOf('left_hand');
    const data = readWithH5py(
      path,
      `/processing/behavior/${POSE_ESTIMATION_NAME}/${seriesName('left_hand')}/data`,
    ) as number[][];
    expect(data.map((row) => row[0])).toEqual(Array.from(expected.x[k]!));
    expect(data.map((row) => row[1])).toEqual(Array.from(expected.y[k]!));
  });

  it('is the same file for the same seed and removes its MEMFS copy', async () => {
    const again = await writeLargeNwb(join(dir, 'again.nwb'), { seed: 8, targetBytes: TARGET });
    expect(again).toEqual({ ...result });
    const m = await loadH5wasm();
    expect(m.FS.readdir('/').filter((name: string) => name.startsWith('ember-sample'))).toEqual([]);
  });

  it('writes the requested number of pose frames when asked, and rejects a bad count', async () => {
    const fixed = await writeLargeNwb(join(dir, 'fixed.nwb'), { seed: 8, targetBytes: TARGET, poseFrames: 1234 });
    expect(fixed.frames).toBe(1234);
    expect(fixed.bytes).toBeGreaterThanOrEqual(TARGET);
    await expect(writeLargeNwb(join(dir, 'y.nwb'), { seed: 1, targetBytes: TARGET, poseFrames: 1.5 })).rejects.toThrow(
      RangeError,
    );
  });

  it('rejects a non-positive target', async () => {
    await expect(writeLargeNwb(join(dir, 'x.nwb'), { seed: 1, targetBytes: 0 })).rejects.toThrow(RangeError);
  });
});
