// The API writes numbers in core's one JSON encoding (core/src/json/json-encoding.ts): NaN, Infinity and -Infinity
// as the strings "NaN", "Infinity" and "-Infinity", a value the data does not have (a missing pose point) as null,
// read back here as NaN like core's decodeJsonNumber (not imported: the viewer bundles no core runtime). Only
// fields known to be numeric are decoded, so an archive string that happens to read "NaN" (a file name, a
// description) stays a string. Anything else where a number belongs is refused: a wrong number is worse than an
// error.
import type { ApiPoseView } from './api-types.js';
import type { KeypointSummary, PoseView } from './types.js';
import { ApiResponseError } from './errors.js';

const SPECIAL: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': -Infinity };

/** A number from the API: "NaN", "Infinity", "-Infinity" and null (missing) decoded; else an ApiResponseError. */
export function decodeNumber(value: unknown, where: string): number {
  if (typeof value === 'number') return value;
  if (value === null) return Number.NaN;
  if (typeof value === 'string' && value in SPECIAL) return SPECIAL[value] as number;
  throw new ApiResponseError(`${where} should be a number but the API sent ${JSON.stringify(value)}`);
}

/** An array of numbers from the API (see decodeNumber). */
export function decodeNumbers(value: unknown, where: string): number[] {
  if (!Array.isArray(value)) throw new ApiResponseError(`${where} should be a list of numbers`);
  return value.map((item, index) => decodeNumber(item, `${where}[${index}]`));
}

function decodeOptionalNumber(value: unknown, where: string): number | undefined {
  // An absent optional number (no frame rate) stays absent rather than becoming NaN.
  return value === undefined || value === null ? undefined : decodeNumber(value, where);
}

function decodeSeries(raw: ApiPoseView['series'][number], index: number): PoseView['series'][number] {
  const where = `series[${index}]`;
  return {
    individual: raw.individual,
    keypoint: raw.keypoint,
    frame: decodeNumbers(raw.frame, `${where}.frame`),
    time: decodeNumbers(raw.time, `${where}.time`),
    x: decodeNumbers(raw.x, `${where}.x`),
    y: decodeNumbers(raw.y, `${where}.y`),
    confidence: decodeNumbers(raw.confidence, `${where}.confidence`),
  };
}

function decodeMetric(raw: ApiPoseView['metrics'][number][number], where: string): KeypointSummary {
  return {
    keypoint: raw.keypoint,
    missing: decodeNumber(raw.missing, `${where}.missing`),
    lowConfidence: decodeNumber(raw.lowConfidence, `${where}.lowConfidence`),
    distance: decodeNumber(raw.distance, `${where}.distance`),
    meanSpeed: decodeNumber(raw.meanSpeed, `${where}.meanSpeed`),
  };
}

/** A PoseView as parsed from the API's JSON, with every numeric field decoded. */
export function decodePoseView(raw: ApiPoseView): PoseView {
  if (!Array.isArray(raw.series) || !Array.isArray(raw.metrics)) {
    throw new ApiResponseError('the pose response has no series or metrics');
  }
  const { fps: rawFps, ...rest } = raw;
  const fps = decodeOptionalNumber(rawFps, 'fps');
  return {
    ...rest,
    ...(fps === undefined ? {} : { fps }),
    frameCount: decodeNumber(raw.frameCount, 'frameCount'),
    start: decodeNumber(raw.start, 'start'),
    end: decodeNumber(raw.end, 'end'),
    duration: decodeNumber(raw.duration, 'duration'),
    threshold: decodeNumber(raw.threshold, 'threshold'),
    metrics: raw.metrics.map((row, i) => row.map((m, k) => decodeMetric(m, `metrics[${i}][${k}]`))),
    series: raw.series.map(decodeSeries),
  };
}
