// TimeSeries: data description and a time axis for any window of samples, read without loading the series.
// A series is timed either by `timestamps` (seconds, N) or by a scalar `starting_time` whose attribute `rate`
// is the sampling rate in Hz (nwb-schema core/nwb.base.yaml TimeSeries; pynwb's `rate=` becomes that attribute).
// Missing `conversion`/`offset`/`resolution` take the schema defaults 1.0 / 0.0 / -1.0 (offset is NWB 2.5+).
import type { Hdf5File } from '../hdf5/types.js';
import { InvalidInputError } from '../errors.js';
import { readNeurodataType } from './neurodata.js';
import { attrsOf, childPath, readText, resolveNode, toNumber, toNumbers, toText } from './values.js';

/** How a series is timed. */
export type TimeSeriesTiming =
  | { kind: 'rate'; startingTime: number; rate: number }
  | { kind: 'timestamps'; path: string; count: number }
  | { kind: 'none' };

/** The `data` of a TimeSeries, described without reading it. */
export interface TimeSeriesData {
  path: string;
  shape: number[] | null;
  dtype: string;
  unit?: string;
  conversion: number;
  offset: number;
  resolution: number;
  continuity?: string;
}

/** Everything about a TimeSeries except its values. */
export interface TimeSeriesInfo {
  path: string;
  neurodataType?: string;
  namespace?: string;
  description?: string;
  comments?: string;
  data: TimeSeriesData | null;
  timing: TimeSeriesTiming;
  /** Samples along time: data's first dimension, else the timestamps count. */
  length: number;
  /** SpatialSeries and PoseEstimationSeries. */
  referenceFrame?: string;
}

/** Describe the TimeSeries group at `path`: data info, unit/conversion/offset/resolution, timing. */
export async function readTimeSeriesInfo(file: Hdf5File, path: string): Promise<TimeSeriesInfo> {
  const typed = await readNeurodataType(file, path);
  const attrs = await attrsOf(file, path);
  const info: TimeSeriesInfo = { path, data: null, timing: { kind: 'none' }, length: 0, ...typed };
  const comments = toText(attrs.comments);
  if (comments !== undefined) info.comments = comments;

  const dataPath = childPath(path, 'data');
  const dataNode = await resolveNode(file, dataPath);
  if (dataNode?.kind === 'dataset') {
    const dataset = await file.dataset(dataPath);
    const dataAttrs = await file.attrs(dataPath);
    const data: TimeSeriesData = {
      path: dataPath,
      shape: dataset.shape,
      dtype: dataset.dtype,
      conversion: numberOr(dataAttrs.conversion, 1),
      offset: numberOr(dataAttrs.offset, 0),
      resolution: numberOr(dataAttrs.resolution, -1),
    };
    const unit = toText(dataAttrs.unit);
    if (unit !== undefined) data.unit = unit;
    const continuity = toText(dataAttrs.continuity);
    if (continuity !== undefined) data.continuity = continuity;
    info.data = data;
    info.length = dataset.shape?.[0] ?? 0;
  }

  const timestampsPath = childPath(path, 'timestamps');
  const startingPath = childPath(path, 'starting_time');
  if ((await resolveNode(file, timestampsPath))?.kind === 'dataset') {
    const count = (await file.dataset(timestampsPath)).shape?.[0] ?? 0;
    info.timing = { kind: 'timestamps', path: timestampsPath, count };
    if (!info.data) info.length = count;
  } else if ((await resolveNode(file, startingPath))?.kind === 'dataset') {
    const startingTime = toNumber((await file.read(startingPath)).values[0]);
    const rate = toNumber((await file.attrs(startingPath)).rate);
    info.timing = { kind: 'rate', startingTime, rate };
  }
  const referenceFrame = await readText(file, childPath(path, 'reference_frame'));
  if (referenceFrame !== undefined) info.referenceFrame = referenceFrame;
  return info;
}

/** Seconds of samples [start, end) of a series: a hyperslab of `timestamps`, or computed from starting_time + rate. */
export async function readTimeAxis(
  file: Hdf5File,
  info: TimeSeriesInfo,
  start = 0,
  end = info.length,
): Promise<Float64Array> {
  if (
    start < 0 ||
    end < start ||
    end > Math.max(info.length, info.timing.kind === 'timestamps' ? info.timing.count : 0)
  ) {
    throw new InvalidInputError(`Window [${start}, ${end}) is outside the ${info.length} samples of ${info.path}.`);
  }
  if (info.timing.kind === 'rate') return rateTimeAxis(info.timing.startingTime, info.timing.rate, start, end);
  if (info.timing.kind === 'timestamps') {
    if (end === start) return new Float64Array(0);
    const { values } = await file.read(info.timing.path, [[start, end]]);
    return values instanceof Float64Array ? values : Float64Array.from(toNumbers(values));
  }
  return new Float64Array(end - start).fill(Number.NaN);
}

/** Times of samples [start, end) of a regularly sampled series. */
export function rateTimeAxis(startingTime: number, rate: number, start: number, end: number): Float64Array {
  const out = new Float64Array(Math.max(0, end - start));
  for (let i = 0; i < out.length; i++) out[i] = startingTime + (start + i) / rate;
  return out;
}

function numberOr(value: Parameters<typeof toNumber>[0], fallback: number): number {
  const n = toNumber(value);
  return Number.isFinite(n) ? n : fallback;
}

/** Typical sampling rate of irregular timestamps: 1 / the median step (undefined with fewer than two finite steps). */
export function rateFromTimestamps(times: ArrayLike<number>): number | undefined {
  // A typed array and an O(n) selection: a JS array sorted with a comparator took ~0.4 s for 441k frames (bench/README.md).
  const steps = new Float64Array(Math.max(0, times.length - 1));
  let n = 0;
  for (let i = 1; i < times.length; i++) {
    const step = (times[i] as number) - (times[i - 1] as number);
    if (Number.isFinite(step) && step > 0) steps[n++] = step;
  }
  if (n === 0) return undefined;
  const values = steps.subarray(0, n);
  const mid = n >> 1;
  const upper = selectNth(values, mid);
  // After selection every value left of `mid` is <= it: the lower middle of an even count is their maximum.
  let lower = Number.NEGATIVE_INFINITY;
  if (n % 2 === 0) for (let i = 0; i < mid; i++) lower = Math.max(lower, values[i] as number);
  return 1 / (n % 2 ? upper : (lower + upper) / 2);
}

/** The k-th smallest value (0-based), partially reordering `values` (quickselect, median-of-three pivots): O(n). */
function selectNth(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    const a = values[lo] as number;
    const b = values[mid] as number;
    const c = values[hi] as number;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const t = values[i] as number;
        values[i] = values[j] as number;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k] as number;
  }
  return values[k] as number;
}
