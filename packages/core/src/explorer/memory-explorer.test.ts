// What the memory provider computes itself (the contract suite, explorer-contract.test.ts, covers the rest):
// selections of whole values, and pose windows with a subset of keypoints.
import { describe, expect, it } from 'vitest';
import type { Slice } from '../hdf5/types.js';
import type { PoseData } from '../pose/model.js';
import { createMemoryExplorer, selectValues } from './memory-explorer.js';

describe('selectValues', () => {
  const whole = { shape: [3, 4], dtype: 'int32' as const, values: Int32Array.from({ length: 12 }, (_, i) => i) };

  it.each([
    ['every other row of column 1 (an index drops the axis)', [[0, 3, 2], 1] as Slice[], [2], [1, 9]],
    [
      'a block',
      [
        [1, 3],
        [2, 4],
      ] as Slice[],
      [2, 2],
      [6, 7, 10, 11],
    ],
    ['a row, all columns', [2] as Slice[], [4], [8, 9, 10, 11]],
  ])('%s', (_, selection, shape, values) => {
    const read = selectValues(whole, selection);
    expect(read.shape).toEqual(shape);
    expect(Array.from(read.values as Int32Array)).toEqual(values);
    expect(read.values).toBeInstanceOf(Int32Array);
  });

  it('selects strings too', () => {
    expect(selectValues({ shape: [3], dtype: 'string', values: ['a', 'b', 'c'] }, [[1, 3]]).values).toEqual(['b', 'c']);
  });
});

describe('memory pose views', () => {
  const frames = 10;
  const track = (keypoint: string, offset: number) => ({
    individual: 'm',
    keypoint,
    x: Float64Array.from({ length: frames }, (_, i) => i + offset),
    y: Float64Array.from({ length: frames }, () => offset),
    confidence: new Float64Array(frames).fill(1),
  });
  const pose: PoseData = {
    source: 'jabs',
    formatVersion: '5',
    location: 'mem',
    container: '/poseest',
    individuals: ['m'],
    keypoints: ['nose', 'ear', 'tail'],
    edges: [
      [0, 1],
      [1, 2],
    ],
    frameCount: frames,
    start: 0,
    end: frames,
    time: Float64Array.from({ length: frames }, (_, i) => i / 30),
    fpsAssumed: true,
    dimensions: 2,
    unit: 'pixels',
    referenceFrame: 'top-left',
    confidenceThreshold: 0.3,
    tracks: [track('nose', 0), track('ear', 100), track('tail', 200)],
    staticObjects: [],
  };
  const explorer = createMemoryExplorer(
    { folders: { '': [] }, files: { 'mem://p.h5': { nodes: [{ path: '/', kind: 'group' }], pose: [pose] } } },
    { delayMs: 0, poseFrameLimit: 4 },
  );

  it('windows, picks keypoints and renumbers the skeleton edges among them', async () => {
    const file = await explorer.open('mem://p.h5');
    const view = await file.pose({ start: 2, end: 5, keypoints: ['tail', 'ear'] });
    expect(view.keypoints).toEqual(['tail', 'ear']);
    expect(view.edges).toEqual([[1, 0]]);
    expect(view.series.map((s) => [s.keypoint, s.frame, s.x])).toEqual([
      ['tail', [2, 3, 4], [202, 203, 204]],
      ['ear', [2, 3, 4], [102, 103, 104]],
    ]);
  });

  it('caps a window without an end at its frame limit, and refuses a longer one', async () => {
    const file = await explorer.open('mem://p.h5');
    expect(await file.pose()).toMatchObject({ start: 0, end: 4 });
    await expect(file.pose({ start: 0, end: 6 })).rejects.toThrow(/at most 4 frames/);
  });
});
