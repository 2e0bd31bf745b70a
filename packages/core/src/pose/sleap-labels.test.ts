import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateSleapPredictions } from '@ember-archive/sample-archive';
import { CorruptFileError, InvalidInputError, UnsupportedError } from '../errors.js';
import type { Hdf5File, Slice } from '../hdf5/types.js';
import { findTrack, type PoseData, type ReadPoseOptions } from './model.js';
import { readPose } from './read-pose.js';
import { groupRanges, placeInstances } from './sleap-labels.js';
import { CORPUS, openTestFile } from './test-support/corpus.js';

const GENERATED = 'sleap/generated';

async function read(path: string, options: ReadPoseOptions = {}): Promise<PoseData> {
  const file = await openTestFile(path);
  try {
    return await readPose(file, options);
  } finally {
    await file.close();
  }
}

describe('SLEAP labels file from SLEAP (minimal_instance.slp)', () => {
  it('links frames -> instances -> points as h5py reads them; untracked instances get slots', async () => {
    // h5py's view of the file's tables, dumped by make_sleap_fixtures.py.
    const view = JSON.parse(readFileSync(`${CORPUS}/${GENERATED}/minimal_instance.h5py.json`, 'utf8')) as {
      points: [number, number, boolean][];
      instances: [number, number, number][];
    };
    const pose = await read('sleap/minimal_instance.slp');
    expect(pose).toMatchObject({
      source: 'sleap',
      formatVersion: 'labels 1.1',
      container: 'video0',
      frameCount: 1,
      fpsAssumed: true,
    });
    expect(pose.containers).toBeUndefined();
    expect(pose.keypoints).toEqual(['A', 'B']);
    expect(pose.edges).toEqual([[0, 1]]);
    expect(pose.individuals).toEqual(['untracked_0', 'untracked_1']);
    view.instances.forEach(([track, start], slot) => {
      expect(track).toBe(-1);
      ['A', 'B'].forEach((node, k) => {
        const t = findTrack(pose, `untracked_${slot}`, node)!;
        const [x, y] = view.points[start + k]!;
        expect([t.x[0], t.y[0]]).toEqual([x, y]);
        expect(t.confidence[0]).toBeNaN();
      });
    });
  });
});

// Values written by make_sleap_fixtures.py (write_predictions): predictions x = 100 (track + 1) + 10 node + frame
// + 0.25, y = x + 1000, score 0.9 - 0.1 node; video 1 predictions x = 2000 + 10 node + frame + 0.25; the user instance
// of frame 4
// (female) is 900 + node, 1900 + node; the untracked prediction of frame 7 is 500 + 10 node + 7.25.
const NODES = ['head', 'thorax', 'tail'];

describe('SLEAP predictions file (written with h5py in SLEAP 1.2 layout)', () => {
  it('video0: tracks are individuals, skeleton order and edges, fps and frame count from videos_json', async () => {
    const pose = await read(`${GENERATED}/predictions.slp`);
    expect(pose).toMatchObject({ formatVersion: 'labels 1.2', container: 'video0', containers: ['video0', 'video1'] });
    expect(pose).toMatchObject({ frameCount: 10, fps: 25, fpsAssumed: false, start: 0, end: 10 });
    expect(pose.keypoints).toEqual(NODES);
    expect(pose.edges).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(pose.individuals).toEqual(['female', 'male', 'untracked_0']);
    const labelled = [0, 1, 2, 4, 7];
    for (const [t, individual] of ['female', 'male'].entries()) {
      NODES.forEach((node, n) => {
        const track = findTrack(pose, individual, node)!;
        for (let f = 0; f < 10; f++) {
          const at = [track.x[f], track.y[f], track.confidence[f]];
          if (!labelled.includes(f)) expect(at).toEqual([NaN, NaN, NaN]);
          else if (individual === 'female' && f === 4) expect(at).toEqual([900 + n, 1900 + n, NaN]);
          else if (individual === 'male' && f === 2 && node === 'tail') expect(at).toEqual([NaN, NaN, NaN]);
          else {
            const x = 100 * (t + 1) + 10 * n + f + 0.25;
            expect(at.slice(0, 2)).toEqual([x, x + 1000]);
            expect(track.confidence[f]).toBeCloseTo(0.9 - 0.1 * n, 12);
          }
        }
      });
    }
    const untracked = findTrack(pose, 'untracked_0', 'tail')!;
    expect(Array.from(untracked.x).map((x, f) => (Number.isNaN(x) ? null : [f, x]))).toEqual([
      ...Array<null>(7).fill(null),
      [7, 500 + 20 + 7.25],
      null,
      null,
    ]);
    expect(pose.time[5]).toBeCloseTo(5 / 25, 12);
  });

  it.each(['video1', '1', 'videos/session2.mp4', 'session2.mp4'])(
    'container %s picks the second video',
    async (container) => {
      const pose = await read(`${GENERATED}/predictions.slp`, { container });
      expect(pose).toMatchObject({ container: 'video1', frameCount: 6, fps: 30, fpsAssumed: true });
      expect(pose.individuals).toEqual(['female', 'male']);
      expect(Array.from(findTrack(pose, 'male', 'thorax')!.x)).toEqual([2010.25, NaN, NaN, NaN, NaN, 2015.25]);
      expect(Array.from(findTrack(pose, 'female', 'head')!.x).every(Number.isNaN)).toBe(true);
    },
  );

  it('refuses an unknown video, naming the ones it has', async () => {
    await expect(read(`${GENERATED}/predictions.slp`, { container: 'video7' })).rejects.toThrow(InvalidInputError);
    await expect(read(`${GENERATED}/predictions.slp`, { container: 'video7' })).rejects.toThrow(
      /video0 \(videos\/session1\.mp4\), video1/,
    );
  });

  it("a window reads only its frames' instance rows and their point rows", async () => {
    const file = await openTestFile(`${GENERATED}/predictions.slp`);
    const reads: { path: string; rows: number }[] = [];
    const spy: Hdf5File = Object.create(file, {
      read: {
        value: async (path: string, selection?: Slice[]) => {
          const result = await file.read(path, selection);
          reads.push({ path, rows: result.shape[0] ?? 0 });
          return result;
        },
      },
    }) as Hdf5File;
    const pose = await readPose(spy, { start: 7, end: 8, individuals: ['male'] });
    expect(findTrack(pose, 'male', 'head')!.x[0]).toBe(200 + 7.25);
    // Frame 7 holds 3 instances (female, male, untracked); only male's 3 points are read.
    expect(reads.filter((r) => r.path === '/instances')).toEqual([{ path: '/instances', rows: 3 }]);
    expect(reads.filter((r) => r.path === '/pred_points')).toEqual([{ path: '/pred_points', rows: 3 }]);
    expect(reads.some((r) => r.path === '/points')).toBe(false);
    // The frames table is the index: a second window on the same open file does not read it again.
    await readPose(spy, { start: 0, end: 2 });
    expect(reads.filter((r) => r.path === '/frames')).toHaveLength(1);
    await file.close();
  });
});

describe('older SLEAP labels written to .h5 (format 1.0)', () => {
  it('is found by layout, shifts user points by -0.5, takes videos and tracks from the metadata JSON', async () => {
    const bytes = new Uint8Array(readFileSync(`${CORPUS}/${GENERATED}/old_labels.h5`));
    const file = await openTestFile(bytes, 'labels.h5');
    const pose = await readPose(file);
    expect(pose).toMatchObject({ source: 'sleap', formatVersion: 'labels 1.0', container: 'video0', frameCount: 2 });
    expect(pose.keypoints).toEqual(['nose', 'tail']);
    expect(pose.individuals).toEqual(['untracked_0', 'untracked_1']);
    // Stored x = 10.5 + 100 slot + 10 node + frame, y = 20.5 + 100 slot + 10 node.
    expect(Array.from(findTrack(pose, 'untracked_0', 'tail')!.x)).toEqual([20, 21]);
    expect(Array.from(findTrack(pose, 'untracked_1', 'nose')!.y)).toEqual([120, NaN]);
    await file.close();
  });
});

describe("the sample archive's SLEAP predictions (generateSleapPredictions)", () => {
  it('round trip: trajectories, scores, skeleton and rate come back, for the whole file and a window', async () => {
    const { bytes, truth } = await generateSleapPredictions({ seed: 7, frames: 300, animals: 3, fps: 25 });
    const file = await openTestFile(bytes, 'session.predictions.slp');
    const pose = await readPose(file);
    expect(pose).toMatchObject({
      source: 'sleap',
      formatVersion: 'labels 1.2',
      frameCount: 300,
      fps: 25,
      fpsAssumed: false,
    });
    expect(pose.individuals).toEqual(truth.individuals);
    expect(pose.keypoints).toEqual(truth.keypoints);
    expect(pose.edges).toEqual(truth.edges);
    let missing = 0;
    truth.individuals.forEach((individual, a) => {
      truth.keypoints.forEach((keypoint, k) => {
        const track = findTrack(pose, individual, keypoint)!;
        expect(Array.from(track.x)).toEqual(Array.from(truth.x[a]![k]!));
        expect(Array.from(track.y)).toEqual(Array.from(truth.y[a]![k]!));
        expect(Array.from(track.confidence)).toEqual(Array.from(truth.confidence[a]![k]!));
        missing += track.x.filter(Number.isNaN).length;
      });
    });
    expect(missing).toBeGreaterThan(0);
    const window = await readPose(file, { start: 120, end: 180, individuals: ['track_2'], keypoints: ['tail_tip'] });
    expect(Array.from(window.tracks[0]!.x)).toEqual(Array.from(truth.x[2]![5]!.subarray(120, 180)));
    await file.close();
  });
});

describe('SLEAP labels files that are refused', () => {
  it('an instance whose points are not one per skeleton node is a CorruptFileError naming the file', async () => {
    await expect(read(`${GENERATED}/short_instance.slp`)).rejects.toThrow(CorruptFileError);
    await expect(read(`${GENERATED}/short_instance.slp`)).rejects.toThrow(
      /short_instance\.slp has a SLEAP instance \(row 0\)/,
    );
  });

  it('several skeletons are an UnsupportedError listing them', async () => {
    await expect(read(`${GENERATED}/two_skeletons.slp`)).rejects.toThrow(UnsupportedError);
    await expect(read(`${GENERATED}/two_skeletons.slp`)).rejects.toThrow(/2 SLEAP skeletons \(s, t\)/);
  });
});

describe('placeInstances', () => {
  const inst = (row: number, frameIdx: number, track: number, predicted: boolean, fromPredicted = -1) => ({
    row,
    frameIdx,
    track,
    predicted,
    fromPredicted,
  });
  it.each([
    [
      'a user instance beats a prediction of its track, in either order',
      [inst(0, 0, 0, true), inst(1, 0, 0, false)],
      [[1, undefined]],
    ],
    ['… and a later prediction does not take it back', [inst(0, 0, 0, false), inst(1, 0, 0, true)], [[0, undefined]]],
    [
      'two predictions of one track: the last, as SLEAP writes them',
      [inst(0, 0, 1, true), inst(1, 0, 1, true)],
      [[1, undefined]],
    ],
    [
      'untracked instances take slots in stored order',
      [inst(0, 0, -1, true), inst(1, 0, -1, true)],
      [
        [0, 0],
        [1, 1],
      ],
    ],
    [
      'a prediction a user instance was made from gives way',
      [inst(0, 0, -1, true), inst(1, 0, -1, false, 0)],
      [[1, 0]],
    ],
    [
      'slots start again in every frame',
      [inst(0, 0, -1, true), inst(1, 1, -1, true)],
      [
        [0, 0],
        [1, 0],
      ],
    ],
  ])('%s', (_, instances, expected) => {
    const frames = [...new Set(instances.map((i) => i.frameIdx))].map((frameIdx) => ({ frameIdx }));
    expect(placeInstances(frames, instances).map((p) => [p.row, p.untrackedSlot])).toEqual(expected);
  });
});

describe('groupRanges', () => {
  const range = (r: [number, number]) => r;
  it.each([
    [
      'near ranges share a read',
      [
        [0, 3],
        [5, 8],
      ],
      100,
      10,
      [[0, 8]],
    ],
    [
      'far ranges do not',
      [
        [0, 3],
        [50, 53],
      ],
      100,
      10,
      [
        [0, 3],
        [50, 53],
      ],
    ],
    [
      'a read stops growing at maxRows',
      [
        [0, 3],
        [3, 6],
        [6, 9],
      ],
      6,
      10,
      [
        [0, 6],
        [6, 9],
      ],
    ],
    ['one range longer than maxRows is read whole', [[0, 20]], 6, 10, [[0, 20]]],
    [
      'empty ranges are dropped and order does not matter',
      [
        [9, 12],
        [4, 4],
        [0, 3],
      ],
      100,
      10,
      [[0, 12]],
    ],
  ] as const)('%s', (_, ranges, maxRows, gap, expected) => {
    expect(
      groupRanges(
        ranges.map((r) => [...r] as [number, number]),
        range,
        maxRows,
        gap,
      ).map((g) => [g.lo, g.hi]),
    ).toEqual(expected);
  });
});
