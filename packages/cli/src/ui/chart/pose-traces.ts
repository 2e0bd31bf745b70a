// From core's decimated pose series to chart traces: which keypoints, which axis, points below the confidence
// threshold hidden, the time window a frame window covers, and the values under the cursor. Pure and table-tested;
// the chart component only lays the results out.
import type { ChartTrace, Domain } from './line-chart.js';

/** One keypoint of one individual, decimated, as core's explorer returns it (PoseView.series). */
export interface PoseSeriesLike {
  individual: string;
  keypoint: string;
  frame: ArrayLike<number>;
  /** Seconds. */
  time: ArrayLike<number>;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  confidence: ArrayLike<number>;
}

/** Distinct terminal colours for overlaid keypoints, in the order they are added. */
export const TRACE_COLORS = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red', 'white'] as const;

/** The colour of the `index`th overlaid keypoint. */
export function traceColor(index: number): string {
  return TRACE_COLORS[index % TRACE_COLORS.length] ?? 'cyan';
}

/** `values` with NaN wherever confidence is below `threshold` (NaN confidence counts as unknown: kept). */
export function hideLowConfidence(
  values: ArrayLike<number>,
  confidence: ArrayLike<number>,
  threshold: number,
): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const c = confidence[i];
    out[i] = c !== undefined && c < threshold ? NaN : (values[i] ?? NaN);
  }
  return out;
}

/** What a chart plots: one coordinate over time, or the 2-D trajectory (x against y). */
export type ChartAxis = 'x' | 'y' | 'trajectory';

/** Traces of the chosen keypoints of one individual, each in its own colour, low-confidence points hidden. */
export function poseTraces(
  series: readonly PoseSeriesLike[],
  individual: string,
  keypoints: readonly string[],
  axis: ChartAxis,
  threshold: number,
): ChartTrace[] {
  const traces: ChartTrace[] = [];
  keypoints.forEach((keypoint, index) => {
    const s = series.find((candidate) => candidate.individual === individual && candidate.keypoint === keypoint);
    if (!s) return;
    const color = traceColor(index);
    if (axis === 'trajectory') {
      traces.push({
        label: keypoint,
        color,
        x: hideLowConfidence(s.x, s.confidence, threshold),
        y: hideLowConfidence(s.y, s.confidence, threshold),
      });
    } else {
      traces.push({
        label: keypoint,
        color,
        x: s.time,
        y: hideLowConfidence(axis === 'x' ? s.x : s.y, s.confidence, threshold),
      });
    }
  });
  return traces;
}

/** Seconds at `frame`, interpolated along the series' own (frame, time) samples; undefined without two samples. */
export function timeAtFrame(series: PoseSeriesLike | undefined, frame: number, fps?: number): number | undefined {
  if (series && series.frame.length >= 2) {
    const n = series.frame.length;
    const f0 = series.frame[0] ?? 0;
    const f1 = series.frame[n - 1] ?? 0;
    const t0 = series.time[0] ?? 0;
    const t1 = series.time[n - 1] ?? 0;
    if (f1 > f0) return t0 + ((frame - f0) * (t1 - t0)) / (f1 - f0);
  }
  if (fps && fps > 0) return frame / fps;
  if (series && series.frame.length === 1) return series.time[0];
  return undefined;
}

/** The time range a frame window [start, end) covers. */
export function windowDomain(
  series: PoseSeriesLike | undefined,
  start: number,
  end: number,
  fps?: number,
): Domain | undefined {
  const t0 = timeAtFrame(series, start, fps);
  const t1 = timeAtFrame(series, Math.max(start, end - 1), fps);
  return t0 !== undefined && t1 !== undefined && t1 > t0 ? [t0, t1] : undefined;
}

/** The index of the sample nearest `frame` (frames ascend, as decimation keeps them); -1 for an empty series. */
export function nearestSample(frames: ArrayLike<number>, frame: number): number {
  let lo = 0;
  let hi = frames.length - 1;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((frames[mid] ?? 0) < frame) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs((frames[lo - 1] ?? 0) - frame) <= Math.abs((frames[lo] ?? 0) - frame)) return lo - 1;
  return lo;
}

/** What the cursor reads off one keypoint. */
export interface CursorReading {
  keypoint: string;
  color: string;
  frame: number;
  time: number;
  x: number;
  y: number;
  confidence: number;
  /** Below the threshold: the chart hides it, the reading says so. */
  low: boolean;
}

/** The values of each chosen keypoint at the sample nearest `frame`. */
export function readCursor(
  series: readonly PoseSeriesLike[],
  individual: string,
  keypoints: readonly string[],
  frame: number,
  threshold: number,
): CursorReading[] {
  const readings: CursorReading[] = [];
  keypoints.forEach((keypoint, index) => {
    const s = series.find((candidate) => candidate.individual === individual && candidate.keypoint === keypoint);
    const i = s ? nearestSample(s.frame, frame) : -1;
    if (!s || i < 0) return;
    const confidence = s.confidence[i] ?? NaN;
    readings.push({
      keypoint,
      color: traceColor(index),
      frame: s.frame[i] ?? frame,
      time: s.time[i] ?? NaN,
      x: s.x[i] ?? NaN,
      y: s.y[i] ?? NaN,
      confidence,
      low: confidence < threshold,
    });
  });
  return readings;
}

/** Keypoints the chart draws: the overlay, plus the picker's keypoint when it is not in it. */
export function chartedKeypoints(
  pose: { keypoints: readonly string[] },
  keypoint: number,
  overlay: readonly string[],
): string[] {
  const picked = pose.keypoints[keypoint];
  const drawn = overlay.filter((k) => pose.keypoints.includes(k));
  return picked !== undefined && !drawn.includes(picked) ? [...drawn, picked] : drawn;
}
