import { describe, expect, it } from 'vitest';
import { centroidTrack, distanceTravelled, keypointMetrics, pointSpeeds, poseMetrics, validFrames } from './metrics.js';
import type { PoseData, PoseTrack } from './model.js';

const N = Number.NaN;

function track(keypoint: string, x: number[], y: number[], confidence: number[], individual = 'm'): PoseTrack {
  return {
    individual,
    keypoint,
    x: Float64Array.from(x),
    y: Float64Array.from(y),
    confidence: Float64Array.from(confidence),
  };
}

function pose(tracks: PoseTrack[], time: number[], threshold = 0.3, source: PoseData['source'] = 'jabs'): PoseData {
  return {
    source,
    formatVersion: '5',
    location: 'x',
    container: '/poseest',
    individuals: [...new Set(tracks.map((t) => t.individual))],
    keypoints: [...new Set(tracks.map((t) => t.keypoint))],
    edges: [],
    frameCount: time.length,
    start: 0,
    end: time.length,
    time: Float64Array.from(time),
    fpsAssumed: true,
    dimensions: 2,
    unit: 'pixels',
    referenceFrame: '',
    confidenceThreshold: threshold,
    tracks,
    staticObjects: [],
  };
}

describe('validFrames', () => {
  it.each([
    ['present and confident', [1], [1], [0.9], 0.3, [1]],
    ['at the threshold is not valid (JABS keeps > 0.3)', [1], [1], [0.3], 0.3, [0]],
    ['missing position', [N], [N], [0], 0.3, [0]],
    ['no confidence in the file (NaN) counts', [1], [1], [N], 0.3, [1]],
    ['confidence above 1 counts', [1], [1], [5.2], 0.3, [1]],
  ])('%s', (_name, x, y, c, threshold, want) => {
    expect(Array.from(validFrames(track('k', x, y, c), threshold))).toEqual(want);
  });
});

describe('distance and speed', () => {
  it.each([
    ['straight line 3-4-5 steps', [0, 3, 6], [0, 4, 8], [1, 1, 1], [0, 1, 2], 10, [N, 5, 5]],
    ['a gap is not bridged', [0, N, 6, 9], [0, N, 8, 12], [1, 0, 1, 1], [0, 1, 2, 3], 5, [N, N, N, 5]],
    ['low confidence breaks the path', [0, 3, 6], [0, 4, 8], [1, 0.1, 1], [0, 1, 2], 0, [N, N, N]],
    ['uneven time steps', [0, 1, 2], [0, 0, 0], [1, 1, 1], [0, 0.5, 2.5], 2, [N, 2, 0.5]],
    ['single frame', [4], [2], [1], [0], 0, [N]],
  ])('%s', (_name, x, y, c, time, distance, speeds) => {
    const t = track('k', x, y, c);
    const valid = validFrames(t, 0.3);
    expect(distanceTravelled(t, valid)).toBeCloseTo(distance, 12);
    expect(Array.from(pointSpeeds(t, Float64Array.from(time), valid))).toEqual(speeds);
  });
});

describe('keypointMetrics', () => {
  it('fractions of missing and low-confidence frames, mean and max speed', () => {
    const t = track('nose', [0, 3, N, 6, 6, 7], [0, 4, N, 8, 8, 8], [1, 1, 0, 1, 0.2, 1]);
    const p = pose([t], [0, 1, 2, 3, 4, 5]);
    const m = keypointMetrics(p, t);
    expect(m).toMatchObject({
      individual: 'm',
      keypoint: 'nose',
      frames: 6,
      fractionMissing: 1 / 6,
      fractionLowConfidence: 1 / 6,
    });
    expect(m.distance).toBeCloseTo(5, 12);
    expect(m.meanSpeed).toBeCloseTo(5, 12);
    expect(m.maxSpeed).toBeCloseTo(5, 12);
    // A lower threshold admits frame 4: one more 0-length step and one of length 1.
    const loose = keypointMetrics(p, t, 0.1);
    expect(loose.fractionLowConfidence).toBe(0);
    expect(loose.distance).toBeCloseTo(6, 12);
    expect(loose.meanSpeed).toBeCloseTo(6 / 3, 12);
  });

  it('no valid step gives NaN speeds, zero distance', () => {
    const t = track('nose', [N, N], [N, N], [0, 0]);
    expect(poseMetrics(pose([t], [0, 1]))[0]).toMatchObject({
      fractionMissing: 1,
      distance: 0,
      meanSpeed: N,
      maxSpeed: N,
    });
  });
});

describe('centroidTrack', () => {
  it('averages valid keypoints per frame; JABS tail points are left out', () => {
    const tracks = [
      track('nose', [0, 10], [0, 10], [1, 1]),
      track('base_tail', [4, N], [2, N], [1, 0]),
      track('tip_tail', [100, 100], [100, 100], [1, 1]),
      track('nose', [50, 50], [50, 50], [1, 1], 'other'),
    ];
    const c = centroidTrack(pose(tracks, [0, 1]), 'm');
    expect(Array.from(c.x)).toEqual([2, 10]);
    expect(Array.from(c.y)).toEqual([1, 10]);
    const withTail = centroidTrack(pose(tracks, [0, 1], 0.3, 'dlc'), 'm');
    expect(withTail.x[0]).toBeCloseTo(104 / 3, 12);
  });

  it('is NaN where no keypoint is valid', () => {
    const c = centroidTrack(pose([track('nose', [1], [1], [0.1])], [0]), 'm');
    expect(c.x[0]).toBeNaN();
  });
});
