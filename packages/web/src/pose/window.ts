// Pure arithmetic of the pose view: frame windows (zoom, pan, width), time <-> frame through a decimated series,
// confidence masking and the time colour map. Kept apart from React so it is tested with tables of cases.
import type { PoseSeries } from '../api/types.js';

/** A frame window [start, end). */
export interface FrameWindow {
  start: number;
  end: number;
}

/** Clamps a window to [0, frameCount), keeping its width where it fits and at least one frame. */
export function clampWindow(window: FrameWindow, frameCount: number): FrameWindow {
  const width = Math.max(1, Math.min(Math.round(window.end - window.start), frameCount));
  const start = Math.min(Math.max(0, Math.round(window.start)), Math.max(0, frameCount - width));
  return { start, end: start + width };
}

/** The window `factor` times as wide (2 = zoom out), around the same centre. */
export function zoomWindow(window: FrameWindow, factor: number, frameCount: number): FrameWindow {
  const centre = (window.start + window.end) / 2;
  const half = ((window.end - window.start) * factor) / 2;
  return clampWindow({ start: centre - half, end: centre + half }, frameCount);
}

/** The window moved by `fraction` of its width (negative: earlier). */
export function panWindow(window: FrameWindow, fraction: number, frameCount: number): FrameWindow {
  const shift = Math.round((window.end - window.start) * fraction);
  return clampWindow({ start: window.start + shift, end: window.end + shift }, frameCount);
}

/** A window of `width` frames starting where `window` starts. */
export function resizeWindow(window: FrameWindow, width: number, frameCount: number): FrameWindow {
  return clampWindow({ start: window.start, end: window.start + width }, frameCount);
}

/** Index of the sample of `series` nearest to `value` in the sorted `axis` (binary search). */
export function nearestIndex(axis: readonly number[], value: number): number {
  if (axis.length === 0) return -1;
  let low = 0;
  let high = axis.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((axis[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  if (low > 0 && Math.abs((axis[low - 1] as number) - value) <= Math.abs((axis[low] as number) - value)) return low - 1;
  return low;
}

/**
 * Seconds at `frame`: the nearest sample's time, moved by the frame difference at `fps` when known. Times are the
 * file's (NWB starting_time or timestamps), so frame / fps alone would drop the session's offset.
 */
export function timeAtFrame(
  series: PoseSeries | undefined,
  frame: number,
  fps: number | undefined,
): number | undefined {
  if (series === undefined || series.frame.length === 0) return fps === undefined ? undefined : frame / fps;
  const i = nearestIndex(series.frame, frame);
  const time = series.time[i] as number;
  return fps === undefined ? time : time + (frame - (series.frame[i] as number)) / fps;
}

/** The frame window covering times [t0, t1] of a decimated series (end exclusive, so one past the last frame). */
export function framesForTimes(series: PoseSeries, t0: number, t1: number): FrameWindow | undefined {
  if (series.time.length === 0) return undefined;
  const first = series.frame[nearestIndex(series.time, Math.min(t0, t1))];
  const last = series.frame[nearestIndex(series.time, Math.max(t0, t1))];
  if (first === undefined || last === undefined) return undefined;
  return { start: first, end: last + 1 };
}

/** The values with points whose confidence is below `threshold` (or missing) as null, which uPlot draws as gaps. */
export function maskLowConfidence(values: readonly number[], confidence: readonly number[], threshold: number) {
  return values.map((value, i) => {
    const c = confidence[i];
    if (!Number.isFinite(value)) return null;
    // NaN confidence means the format has none (e.g. some DLC exports): keep the point.
    if (c !== undefined && Number.isFinite(c) && c < threshold) return null;
    return value;
  });
}

// Viridis at 9 stops (matplotlib's _cm_listed.py _viridis_data, sampled evenly): perceptually uniform and readable
// by people with the common colour-vision deficiencies, on light and dark backgrounds.
const VIRIDIS: [number, number, number][] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];

/** The viridis colour at `t` in [0, 1] as rgb(). */
export function timeColour(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(Math.floor(x), VIRIDIS.length - 2);
  const f = x - i;
  const a = VIRIDIS[i] as [number, number, number];
  const b = VIRIDIS[i + 1] as [number, number, number];
  const mix = (k: 0 | 1 | 2) => Math.round(a[k] + (b[k] - a[k]) * f);
  return `rgb(${mix(0)}, ${mix(1)}, ${mix(2)})`;
}

/** The CSS gradient of the colour bar legend. */
export function timeGradient(): string {
  return `linear-gradient(to right, ${VIRIDIS.map((_, i) => timeColour(i / (VIRIDIS.length - 1))).join(', ')})`;
}

// Tableau 10: distinct keypoint colours that survive both themes.
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f'];

/** A stable colour for the keypoint at `index` in the file's keypoint order. */
export function keypointColour(index: number): string {
  return PALETTE[index % PALETTE.length] as string;
}
