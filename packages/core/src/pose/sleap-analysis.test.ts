import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusExpected } from '@ember-archive/sample-archive';
import { AmbiguousLayoutError, InvalidInputError } from '../errors.js';
import { findTrack, type PoseData } from './model.js';
import { readPose } from './read-pose.js';
import { CORPUS, openTestFile } from './test-support/corpus.js';

type Head4 = (number | null)[][][][];
const REAL = 'small_robot.000_small_robot_3_frame.analysis.h5';
const GENERATED = 'sleap/generated';

async function read(path: string, options = {}): Promise<PoseData> {
  const file = await openTestFile(path);
  try {
    return await readPose(file, options);
  } finally {
    await file.close();
  }
}

describe('SLEAP analysis export from SLEAP (small_robot, tracks (1, 2, 3, 3))', () => {
  it('reads (track, xy, node, frame) as h5py sees it; NaN scores of user instances stay NaN', async () => {
    const pose = await read(`sleap/${REAL}`);
    const expected = corpusExpected(REAL).nodes;
    const tracks = expected.get('/tracks')?.head as Head4;
    const scores = expected.get('/point_scores')?.head as (number | null)[][][];
    const nodes = expected.get('/node_names')?.value as string[];
    expect(pose).toMatchObject({
      source: 'sleap',
      formatVersion: 'analysis (track, xy, node, frame)',
      frameCount: 3,
      fpsAssumed: true,
    });
    expect(pose.keypoints).toEqual(nodes);
    // No track names: SLEAP's analysis reader calls the one column track_0 (sleap/io/format/sleap_analysis.py).
    expect(pose.individuals).toEqual(['track_0']);
    expect(pose.edges).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    nodes.forEach((node, n) => {
      const track = findTrack(pose, 'track_0', node)!;
      for (let f = 0; f < 3; f++) {
        expect(track.x[f]).toBe(tracks[0]![0]![n]![f]);
        expect(track.y[f]).toBe(tracks[0]![1]![n]![f]);
        const score = scores[0]![n]![f];
        if (score === null) expect(track.confidence[f]).toBeNaN();
        else expect(track.confidence[f]).toBe(score);
      }
    });
  });
});

// Values written by fixtures/corpus/sleap/generated/make_sleap_fixtures.py: x = 100 (track + 1) + 10 node + frame,
// y = x + 1000, score 0.5 + 0.1 node; track 1 absent from frame 2; node 2 of track 0 missing in frame 3.
const NODES = ['head', 'thorax', 'tail'];
function expectFormula(pose: PoseData, start = 0): void {
  for (const [t, individual] of ['female', 'male'].entries()) {
    if (!pose.individuals.includes(individual)) continue;
    for (const node of pose.keypoints) {
      const n = NODES.indexOf(node);
      const track = findTrack(pose, individual, node)!;
      for (let i = 0; i < pose.end - pose.start; i++) {
        const f = start + i;
        if ((t === 1 && f === 2) || (t === 0 && n === 2 && f === 3)) {
          expect([track.x[i], track.y[i], track.confidence[i]]).toEqual([NaN, NaN, NaN]);
          continue;
        }
        const x = 100 * (t + 1) + 10 * n + f;
        expect([track.x[i], track.y[i]]).toEqual([x, x + 1000]);
        expect(track.confidence[i]).toBeCloseTo(0.5 + 0.1 * n, 12);
      }
    }
  }
}

describe('SLEAP analysis axis orders (written with h5py as SLEAP and sleap-io write them)', () => {
  it.each([
    ['tracked.matlab.analysis.h5', 'analysis (track, xy, node, frame)'],
    ['tracked.untransposed.analysis.h5', 'analysis (frame, node, xy, track)'],
    ['tracked.standard.analysis.h5', 'analysis (frame, track, node, xy)'],
  ])('%s gives the same pose', async (name, formatVersion) => {
    const pose = await read(`${GENERATED}/${name}`);
    expect(pose.formatVersion).toBe(formatVersion);
    expect(pose.individuals).toEqual(['female', 'male']);
    expect(pose.keypoints).toEqual(NODES);
    expect(pose.edges).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(pose.frameCount).toBe(5);
    expectFormula(pose);
  });

  it.each(['tracked.matlab.analysis.h5', 'tracked.untransposed.analysis.h5'])(
    '%s: a window and a selection',
    async (name) => {
      const pose = await read(`${GENERATED}/${name}`, {
        start: 1,
        end: 4,
        individuals: ['male'],
        keypoints: ['tail', 'head'],
      });
      expect(pose.tracks.map((t) => `${t.individual}/${t.keypoint}`)).toEqual(['male/tail', 'male/head']);
      expect(pose.edges).toEqual([]);
      expect(Array.from(pose.time)).toEqual([1 / 30, 2 / 30, 3 / 30]);
      expectFormula(pose, 1);
    },
  );

  it('the oldest exports (no node_names, no scores) read with the node names SLEAP gives them', async () => {
    const pose = await read(`${GENERATED}/oldest.analysis.h5`);
    expect(pose.keypoints).toEqual(['node 0', 'node 1', 'node 2']);
    expect(pose.edges).toEqual([]);
    expect(Array.from(findTrack(pose, 'male', 'node 2')!.x)).toEqual([220, 221, NaN, 223, 224]);
    expect(Array.from(findTrack(pose, 'male', 'node 2')!.confidence).every(Number.isNaN)).toBe(true);
  });

  it('refuses a file whose shapes fit both orders, with a typed error naming it', async () => {
    const file = await openTestFile(`${GENERATED}/ambiguous.analysis.h5`);
    await expect(readPose(file)).rejects.toThrow(AmbiguousLayoutError);
    await expect(readPose(file)).rejects.toThrow(
      /ambiguous\.analysis\.h5 .*tracks \[2,2,2,2\].*fits both SLEAP axis orders/,
    );
    await file.close();
  });

  it('rejects an unknown individual and a window past the end', async () => {
    const file = await openTestFile(`${GENERATED}/tracked.matlab.analysis.h5`);
    await expect(readPose(file, { individuals: ['track_9'] })).rejects.toThrow(InvalidInputError);
    await expect(readPose(file, { end: 6 })).rejects.toThrow(/past the 5 frames/);
    await file.close();
  });

  it('tells the format by layout: the same bytes under any name read the same', async () => {
    const bytes = new Uint8Array(readFileSync(`${CORPUS}/${GENERATED}/tracked.untransposed.analysis.h5`));
    const file = await openTestFile(bytes, 'session.hdf5');
    const pose = await readPose(file, { fps: 50 });
    expect(pose.source).toBe('sleap');
    expect(pose.fps).toBe(50);
    expect(pose.fpsAssumed).toBe(false);
    expectFormula(pose);
    await file.close();
  });
});
