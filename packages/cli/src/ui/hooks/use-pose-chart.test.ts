import { describe, expect, it } from 'vitest';
import { syntheticPoseView } from '../test-support/synthetic-pose.js';
import { chartRequests, type PoseChartQuery } from './use-pose-chart.js';

const base = syntheticPoseView({ points: 100 });
const query: PoseChartQuery = {
  container: undefined,
  window: undefined,
  keypoint: 0,
  overlay: [],
  individual: 0,
  points: 100,
};

describe('chartRequests', () => {
  it('asks first for the default window at the chart width, for the container shown', () => {
    expect(chartRequests(query, undefined)).toEqual({ first: { points: 100 }, refined: undefined });
    expect(chartRequests({ ...query, container: 'PoseEstimationSide' }, undefined).first).toEqual({
      container: 'PoseEstimationSide',
      points: 100,
    });
  });

  it('needs no second read while the first view covers the window', () => {
    expect(chartRequests({ ...query, window: { start: base.start, end: base.end } }, base).refined).toBeUndefined();
  });

  it('asks for a zoomed window with only the drawn keypoints of the individual shown', () => {
    const refined = chartRequests(
      { ...query, window: { start: 100, end: 400 }, keypoint: 2, overlay: ['nose'], individual: 1, points: 240 },
      base,
    ).refined;
    expect(refined).toEqual({
      keypoints: ['nose', 'tail_base'],
      individuals: ['mouse2'],
      start: 100,
      end: 400,
      points: 240,
    });
  });
});
