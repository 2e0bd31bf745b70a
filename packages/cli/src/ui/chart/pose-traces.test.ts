import { describe, expect, it } from 'vitest';
import {
  hideLowConfidence,
  nearestSample,
  poseTraces,
  readCursor,
  timeAtFrame,
  traceColor,
  windowDomain,
  type PoseSeriesLike,
} from './pose-traces.js';

const nose: PoseSeriesLike = {
  individual: 'mouse0',
  keypoint: 'nose',
  frame: [0, 10, 20, 30],
  time: [0.5, 0.833, 1.167, 1.5],
  x: [1, 2, NaN, 4],
  y: [10, 20, 30, 40],
  confidence: [0.9, 0.2, 0, 0.95],
};
const ear: PoseSeriesLike = { ...nose, keypoint: 'left_ear', x: [5, 5, 5, 5] };
const other: PoseSeriesLike = { ...nose, individual: 'mouse1', x: [7, 7, 7, 7] };

describe('pose traces', () => {
  it.each([
    [0.5, [1, NaN, NaN, 4]],
    [0, [1, 2, NaN, 4]],
    [0.95, [NaN, NaN, NaN, 4]],
  ])('hides values below a threshold of %d', (threshold, expected) =>
    expect(hideLowConfidence(nose.x, nose.confidence, threshold)).toEqual(expected),
  );

  it('keeps values whose confidence is unknown (NaN)', () =>
    expect(hideLowConfidence([1, 2], [NaN, 0.1], 0.5)).toEqual([1, NaN]));

  it('picks the chosen keypoints of one individual, in distinct colours, over time or as a trajectory', () => {
    const traces = poseTraces([nose, ear, other], 'mouse0', ['left_ear', 'nose'], 'x', 0.5);
    expect(traces.map((t) => [t.label, t.color])).toEqual([
      ['left_ear', traceColor(0)],
      ['nose', traceColor(1)],
    ]);
    expect(traces[0]?.color).not.toBe(traces[1]?.color);
    expect(traces[1]?.x).toBe(nose.time);
    expect(Array.from(traces[0]?.y ?? [])).toEqual([5, NaN, NaN, 5]);
    const [trajectory] = poseTraces([nose], 'mouse0', ['nose'], 'trajectory', 0);
    expect(Array.from(trajectory?.x ?? [])).toEqual([1, 2, NaN, 4]);
    expect(Array.from(trajectory?.y ?? [])).toEqual([10, 20, 30, 40]);
    expect(poseTraces([nose], 'mouse0', ['missing'], 'y', 0)).toEqual([]);
  });

  it('maps frames to seconds along the series, or by the frame rate', () => {
    expect(timeAtFrame(nose, 15)).toBeCloseTo(1.0, 6);
    expect(timeAtFrame(undefined, 60, 30)).toBe(2);
    expect(timeAtFrame(undefined, 60)).toBeUndefined();
    expect(windowDomain(nose, 0, 31)).toEqual([0.5, 1.5]);
    expect(windowDomain(undefined, 5, 5, 30)).toBeUndefined();
  });

  it.each([
    [0, 0],
    [4, 0],
    [5, 0],
    [6, 1],
    [29, 3],
    [99, 3],
    [-3, 0],
  ])('the sample nearest frame %d is #%d', (frame, index) => expect(nearestSample([0, 10, 20, 30], frame)).toBe(index));

  it('reads each keypoint at the cursor, marking low-confidence values', () => {
    const readings = readCursor([nose, ear], 'mouse0', ['nose', 'left_ear'], 11, 0.5);
    expect(readings).toEqual([
      { keypoint: 'nose', color: traceColor(0), frame: 10, time: 0.833, x: 2, y: 20, confidence: 0.2, low: true },
      { keypoint: 'left_ear', color: traceColor(1), frame: 10, time: 0.833, x: 5, y: 20, confidence: 0.2, low: true },
    ]);
    expect(nearestSample([], 3)).toBe(-1);
  });
});
