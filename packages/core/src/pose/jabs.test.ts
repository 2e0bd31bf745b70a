import { describe, expect, it } from 'vitest';
import { generateJabsPose } from '@ember-archive/sample-archive';
import { InvalidInputError } from '../errors.js';
import { detectJabsVersion, jabsVersionFromName, JABS_EDGES, JABS_KEYPOINT_NAMES, readJabsPose } from './jabs.js';
import { findTrack, type PoseData } from './model.js';
import { readPose } from './read-pose.js';
import { corpusExpected } from '@ember-archive/sample-archive';
import { openTestFile, writeFixture } from './test-support/corpus.js';

type Head3 = number[][][];
type Head4 = number[][][][];

describe('JABS corpus files', () => {
  it('v2: (y, x) storage comes out as (x, y), confidence as stored (h5py head)', async () => {
    const file = await openTestFile('jabs/sample_pose_est_v2.h5');
    const pose = await readPose(file);
    const expected = corpusExpected('sample_pose_est_v2.h5').nodes;
    const points = expected.get('/poseest/points')?.head as Head3;
    const confidence = expected.get('/poseest/confidence')?.head as number[][];
    expect(pose.source).toBe('jabs');
    expect(pose.formatVersion).toBe('2');
    expect(pose.frameCount).toBe(expected.get('/poseest/points')?.shape?.[0]);
    expect(pose.individuals).toEqual(['mouse_0']);
    expect(pose.keypoints).toEqual([...JABS_KEYPOINT_NAMES]);
    for (let f = 0; f < 3; f++) {
      for (let k = 0; k < 3; k++) {
        const track = findTrack(pose, 'mouse_0', JABS_KEYPOINT_NAMES[k] as string)!;
        expect(track.x[f]).toBe(points[f]![k]![1]);
        expect(track.y[f]).toBe(points[f]![k]![0]);
        expect(track.confidence[f]).toBeCloseTo(confidence[f]![k]!, 6);
      }
    }
    expect(pose.time[1]).toBeCloseTo(1 / 30, 12);
    expect(pose.fpsAssumed).toBe(true);
    expect(pose.unit).toBe('pixels');
    await file.close();
  });

  it('v3: slots map to identities, padding slots and zero-confidence points are NaN, confidence above 1 is kept', async () => {
    const file = await openTestFile('jabs/sample_pose_est_v3.h5');
    const pose = await readJabsPose(file);
    const expected = corpusExpected('sample_pose_est_v3.h5').nodes;
    const points = expected.get('/poseest/points')?.head as Head4;
    const confidence = expected.get('/poseest/confidence')?.head as Head3;
    expect(pose.formatVersion).toBe('3');
    // Frame 0 holds three tracks in slots 0..2, which take identities 0..2 in order (pose_est_v3.py greedy map).
    for (let f = 0; f < 3; f++) {
      for (let s = 0; s < 3; s++) {
        for (let k = 0; k < 3; k++) {
          const track = findTrack(pose, `mouse_${s}`, JABS_KEYPOINT_NAMES[k] as string)!;
          const c = confidence[f]![s]![k]!;
          if (c > 0) {
            expect(track.x[f]).toBe(points[f]![s]![k]![1]);
            expect(track.y[f]).toBe(points[f]![s]![k]![0]);
            expect(track.confidence[f]).toBeCloseTo(c, 6);
          } else {
            expect(track.x[f]).toBeNaN();
            expect(track.y[f]).toBeNaN();
          }
        }
      }
    }
    const maxConfidence = Math.max(...pose.tracks.flatMap((t) => Array.from(t.confidence).filter(Number.isFinite)));
    expect(maxConfidence).toBeGreaterThan(1);
    expect(pose.confidenceThreshold).toBe(0.3);
    await file.close();
  });

  it('a window [start, end) equals the same frames of a full read', async () => {
    const file = await openTestFile('jabs/sample_pose_est_v3.h5');
    const full = await readJabsPose(file);
    const part = await readJabsPose(file, {
      start: 500,
      end: 620,
      keypoints: ['base_tail', 'nose'],
      individuals: ['mouse_1'],
    });
    expect(part.keypoints).toEqual(['base_tail', 'nose']);
    expect(part.tracks).toHaveLength(2);
    expect(part.edges).toEqual([]);
    for (const track of part.tracks) {
      const whole = findTrack(full, track.individual, track.keypoint)!;
      expect(Array.from(track.x)).toEqual(Array.from(whole.x.subarray(500, 620)));
      expect(Array.from(track.y)).toEqual(Array.from(whole.y.subarray(500, 620)));
    }
    expect(part.time[0]).toBeCloseTo(500 / 30, 12);
    await file.close();
  });

  it('rejects windows and names the file does not have', async () => {
    const file = await openTestFile('jabs/sample_pose_est_v2.h5');
    await expect(readJabsPose(file, { end: 1801 })).rejects.toThrow(InvalidInputError);
    await expect(readJabsPose(file, { start: 10, end: 5 })).rejects.toThrow(/after the end/);
    await expect(readJabsPose(file, { keypoints: ['tail'] })).rejects.toThrow(/no keypoint "tail"/);
    await file.close();
  });
});

describe('JABS version detection', () => {
  it.each([
    ['video_pose_est_v5.h5', 5],
    ['/data/pose_files/007675 B6J M 40mg-kg_pose_est_v2.h5', 2],
    ['https://host/x_pose_est_v12.h5?sig=1', 12],
    ['video.h5', undefined],
    ['video_pose_est_v5.h5.bak', undefined],
  ])('%s -> %s', (name, version) => {
    expect(jabsVersionFromName(name)).toBe(version);
  });

  it('trusts the file name over the version attribute, but not above what the datasets show', async () => {
    // A v4 layout whose attribute claims [3, 0] (as JABS test files do) and whose name claims v6.
    const generated = await generateJabsPose({ seed: 3, version: 4, frames: 20, mice: 2, versionAttribute: [3, 0] });
    const file = await openTestFile(generated.bytes, 'mem/x_pose_est_v4.h5');
    expect(await detectJabsVersion(file, 'x_pose_est_v4.h5', 4)).toBe(4);
    expect(await detectJabsVersion(file, 'x_pose_est_v6.h5', 4)).toBe(4);
    expect(await detectJabsVersion(file, 'x_pose_est_v3.h5', 4)).toBe(3);
    expect(await detectJabsVersion(file, undefined, 4)).toBe(4);
    await file.close();
  });
});

function expectMatchesTruth(
  pose: PoseData,
  truth: Awaited<ReturnType<typeof generateJabsPose>>['truth'],
  scale = 1,
): void {
  expect(pose.keypoints).toEqual([...truth.keypoints]);
  truth.individuals.forEach((individual, m) => {
    truth.keypoints.forEach((keypoint, k) => {
      const track = findTrack(pose, individual, keypoint)!;
      const x = truth.x[m]![k]!;
      const y = truth.y[m]![k]!;
      for (let f = 0; f < truth.frames; f++) {
        if (Number.isNaN(x[f])) expect(track.x[f]).toBeNaN();
        else {
          expect(track.x[f]).toBeCloseTo(x[f]! * scale, 9);
          expect(track.y[f]).toBeCloseTo(y[f]! * scale, 9);
          expect(track.confidence[f]).toBe(truth.confidence[m]![k]![f]);
        }
      }
    });
  });
}

describe('JABS round trip with the sample-archive generator', () => {
  it.each([2, 4, 5, 6] as const)('v%s: the trajectories written come back, per identity', async (version) => {
    const mice = version === 2 ? 1 : 3;
    const generated = await generateJabsPose({ seed: 11 + version, version, frames: 240, mice });
    const file = await openTestFile(generated.bytes, `gen/session_pose_est_v${version}.h5`);
    const pose = await readPose(file, { units: 'pixels' });
    expect(pose.formatVersion).toBe(String(version));
    expect(pose.individuals).toEqual([...generated.truth.individuals]);
    expectMatchesTruth(pose, generated.truth);
    expect(Array.from(pose.time)).toEqual(Array.from(generated.truth.time));
    await file.close();
  });

  it('v5: cm_per_pixel scales to cm by default; corners stay (x, y), lixit and food hopper are flipped', async () => {
    const generated = await generateJabsPose({ seed: 5, version: 5, frames: 60, mice: 2 });
    const file = await openTestFile(generated.bytes, 'gen/a_pose_est_v5.h5');
    const pose = await readPose(file);
    const cm = generated.truth.cmPerPixel!;
    expect(pose.unit).toBe('cm');
    expect(pose.cmPerPixel).toBeCloseTo(cm, 6);
    expectMatchesTruth(pose, generated.truth, pose.cmPerPixel);
    const pixels = await readPose(file, { units: 'pixels' });
    for (const [name, points] of Object.entries(generated.truth.staticObjects ?? {})) {
      const object = pixels.staticObjects.find((o) => o.name === name);
      expect(object?.points.map(([x, y]) => [x, y])).toEqual(points.map(([x, y]) => [x, y]));
    }
    await file.close();
  });

  it('v3: every frame holds the same set of points as the truth (identities come from tracklets)', async () => {
    const generated = await generateJabsPose({ seed: 21, version: 3, frames: 300, mice: 3 });
    const file = await openTestFile(generated.bytes, 'gen/b_pose_est_v3.h5');
    const pose = await readPose(file);
    const { truth } = generated;
    const key = (x: number, y: number) => `${x},${y}`;
    for (let f = 0; f < truth.frames; f++) {
      const want = truth.individuals
        .map((_, m) => key(truth.x[m]![0]![f]!, truth.y[m]![0]![f]!))
        .filter((k) => !k.includes('NaN'))
        .sort();
      const got = pose.individuals
        .map((i) => findTrack(pose, i, 'nose')!)
        .map((t) => key(t.x[f]!, t.y[f]!))
        .filter((k) => !k.includes('NaN'))
        .sort();
      expect(got).toEqual(want);
    }
    await file.close();
  });
});

describe('JABS skeleton', () => {
  it('edges join keypoints along the JABS polylines', () => {
    const named = JABS_EDGES.map(([a, b]) => `${JABS_KEYPOINT_NAMES[a]}-${JABS_KEYPOINT_NAMES[b]}`);
    expect(named).toContain('base_neck-center_spine');
    expect(named).toContain('left_ear-nose');
    expect(named).toHaveLength(11);
  });

  it('a file whose points are not (frames, [instances,] 12, 2) is refused', async () => {
    const bytes = await writeFixture((f) => {
      f.create_group('poseest').create_dataset({
        name: 'points',
        data: new Uint16Array(12),
        shape: [2, 6],
        dtype: '<H',
      });
    });
    const file = await openTestFile(bytes, 'bad_pose_est_v2.h5');
    await expect(readJabsPose(file)).rejects.toThrow(/not \(frames/);
    await file.close();
  });
});

describe('JABS windows read only what they need', () => {
  it('a 100-frame window of a 30000-frame file fetches a fraction of what the whole recording needs', async () => {
    const generated = await generateJabsPose({ seed: 8, version: 4, frames: 30_000, mice: 2 });
    const fetched = async (options: { start?: number; end?: number }) => {
      const file = await openTestFile(generated.bytes, 'gen/w_pose_est_v4.h5');
      const pose = await readPose(file, options);
      const { bytesFetched } = file.stats();
      await file.close();
      return { pose, bytesFetched };
    };
    const window = await fetched({ start: 15_000, end: 15_100 });
    const whole = await fetched({});
    expect(window.pose.tracks[0]?.x).toHaveLength(100);
    // The window needs one chunk row of points and confidence plus the small id arrays (read whole on purpose).
    expect(window.bytesFetched).toBeLessThan(whole.bytesFetched / 4);
  });
});
