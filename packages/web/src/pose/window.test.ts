import { describe, expect, it } from 'vitest';
import type { PoseSeries } from '../api/types.js';
import {
  clampWindow,
  framesForTimes,
  maskLowConfidence,
  nearestIndex,
  panWindow,
  resizeWindow,
  timeAtFrame,
  timeColour,
  zoomWindow,
} from './window.js';

const series = (frames: number[], fps: number): PoseSeries => ({
  individual: 'mouse',
  keypoint: 'nose',
  frame: frames,
  time: frames.map((f) => f / fps),
  x: frames.map(() => 1),
  y: frames.map(() => 2),
  confidence: frames.map(() => 1),
});

describe('frame windows', () => {
  it.each([
    [{ start: -5, end: 5 }, 100, { start: 0, end: 10 }],
    [{ start: 95, end: 105 }, 100, { start: 90, end: 100 }],
    [{ start: 0, end: 500 }, 100, { start: 0, end: 100 }],
    [{ start: 3, end: 3 }, 100, { start: 3, end: 4 }],
  ])('clamp %j in %i frames -> %j', (window, count, expected) => {
    expect(clampWindow(window, count)).toEqual(expected);
  });

  it('zooms about the centre and pans by a fraction of the width', () => {
    expect(zoomWindow({ start: 40, end: 60 }, 2, 1000)).toEqual({ start: 30, end: 70 });
    expect(zoomWindow({ start: 40, end: 60 }, 0.5, 1000)).toEqual({ start: 45, end: 55 });
    expect(panWindow({ start: 40, end: 60 }, 0.5, 1000)).toEqual({ start: 50, end: 70 });
    expect(panWindow({ start: 0, end: 20 }, -0.5, 1000)).toEqual({ start: 0, end: 20 });
    expect(resizeWindow({ start: 990, end: 1000 }, 300, 1000)).toEqual({ start: 700, end: 1000 });
  });
});

describe('time and frames', () => {
  it('finds the nearest sample', () => {
    expect(nearestIndex([0, 10, 20, 30], 14)).toBe(1);
    expect(nearestIndex([0, 10, 20, 30], 16)).toBe(2);
    expect(nearestIndex([0, 10, 20, 30], -3)).toBe(0);
    expect(nearestIndex([0, 10, 20, 30], 99)).toBe(3);
    expect(nearestIndex([], 1)).toBe(-1);
  });

  it('gives the time of a frame from the file, keeping its offset', () => {
    const s = { ...series([81, 388], 60), time: [1.794, 6.9107] };
    expect(timeAtFrame(s, 81, 60)).toBeCloseTo(1.794);
    expect(timeAtFrame(s, 141, 60)).toBeCloseTo(2.794);
    expect(timeAtFrame(s, 380, undefined)).toBeCloseTo(6.9107);
    expect(timeAtFrame(undefined, 120, 60)).toBe(2);
  });

  it('maps a time range to frames of a decimated series, end exclusive', () => {
    const s = series([100, 110, 120, 130, 140], 10);
    expect(framesForTimes(s, 11.1, 13.2)).toEqual({ start: 110, end: 131 });
    expect(framesForTimes(s, 13.2, 11.1)).toEqual({ start: 110, end: 131 });
  });
});

describe('masking and colour', () => {
  it('hides points below the threshold and missing points, keeps points without a confidence', () => {
    expect(maskLowConfidence([1, 2, NaN, 4], [0.9, 0.1, 0.9, NaN], 0.5)).toEqual([1, null, null, 4]);
  });

  it('runs viridis from purple to yellow', () => {
    expect(timeColour(0)).toBe('rgb(68, 1, 84)');
    expect(timeColour(1)).toBe('rgb(253, 231, 37)');
    expect(timeColour(Number.NaN)).toBe('rgb(68, 1, 84)');
  });
});
