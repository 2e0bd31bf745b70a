// A pose view on the wire, as JSON or as bytes. JSON is readable; a window of a few hundred thousand samples is
// mostly 17-digit doubles, which take longer to write as JSON than core takes to read them. The binary form is the
// view's JSON without the samples, then the samples as little-endian float64: exact, NaN kept as NaN, and written
// in a copy. This module imports nothing with a runtime of its own (only the JSON encoding and the errors), so a
// browser bundle can read answers without core's readers: `@ember-archive/core/pose-view-codec`.
import { ProtocolError } from '../errors.js';
import { decodeJsonNumber, NON_FINITE_JSON, stringifyJson } from '../json/json-encoding.js';
import type { KeypointSummary, PoseSeries, PoseView } from './explorer.js';

/** One series of a pose view as JSON: missing samples (NaN) as null. */
export interface PoseSeriesJson {
  individual: string;
  keypoint: string;
  frame: number[];
  time: (number | null)[];
  x: (number | null)[];
  y: (number | null)[];
  confidence: (number | null)[];
}

/** A pose view as JSON (what an HTTP answer carries); write it with stringifyJson. */
export type PoseViewJson = Omit<PoseView, 'series'> & { series: PoseSeriesJson[] };

/** The media type of {@link poseViewToBinary}'s bytes. */
export const POSE_VIEW_BINARY_TYPE = 'application/vnd.ember-archive.pose-view';

/** The numeric columns of a series, in the order the bytes hold them. */
const COLUMNS = ['frame', 'time', 'x', 'y', 'confidence'] as const satisfies readonly (keyof PoseSeries)[];

// NaN is "missing" in pose (pose/model.ts), which the one JSON encoding writes as null.
const missingAsNull = (values: readonly number[]): (number | null)[] => values.map((v) => (Number.isNaN(v) ? null : v));

/** A pose view as JSON: series samples that are missing (NaN) become null, as in poseToJson. */
export function poseViewToJson(view: PoseView): PoseViewJson {
  return {
    ...view,
    series: view.series.map((s) => ({
      ...s,
      time: missingAsNull(s.time),
      x: missingAsNull(s.x),
      y: missingAsNull(s.y),
      confidence: missingAsNull(s.confidence),
    })),
  };
}

/**
 * A pose view read back from its JSON (null and "NaN" as NaN, "Infinity" as Infinity, in the series, the metrics
 * and the durations): for HTTP clients. Anything else where a number belongs is a ProtocolError naming `url`.
 */
export function poseViewFromJson(json: PoseViewJson, url = 'a pose view'): PoseView {
  const series = arrayField(json.series, 'series', url);
  return {
    ...decodeHeader(json, url),
    series: series.map((raw, i) => {
      const s = raw as Partial<PoseSeriesJson>;
      const column = (name: (typeof COLUMNS)[number]) =>
        arrayField(s[name], `series[${i}].${name}`, url).map((v, k) =>
          numberField(v, `series[${i}].${name}[${k}]`, url),
        );
      return {
        individual: stringField(s.individual, `series[${i}].individual`, url),
        keypoint: stringField(s.keypoint, `series[${i}].keypoint`, url),
        frame: column('frame'),
        time: column('time'),
        x: column('x'),
        y: column('y'),
        confidence: column('confidence'),
      };
    }),
  };
}

// Bytes: "EPV1", the header's length (uint32 LE), the header (core's JSON of the view, each series as its names and
// sample count), spaces up to a multiple of 8, then per series its frame, time, x, y and confidence (float64 LE).
const MAGIC = 'EPV1';

interface SeriesHeader {
  individual: string;
  keypoint: string;
  length: number;
}

/** A pose view as bytes (media type {@link POSE_VIEW_BINARY_TYPE}); read them with poseViewFromBinary. */
export function poseViewToBinary(view: PoseView): Uint8Array<ArrayBuffer> {
  const series: SeriesHeader[] = view.series.map((s) => ({
    individual: s.individual,
    keypoint: s.keypoint,
    length: s.frame.length,
  }));
  const header = new TextEncoder().encode(stringifyJson({ ...view, series }));
  const samplesAt = align8(8 + header.length);
  const samples = view.series.reduce((sum, s) => sum + s.frame.length * COLUMNS.length, 0);
  const bytes = new Uint8Array(samplesAt + samples * 8);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(4, header.length, true);
  bytes.set(header, 8);
  bytes.fill(0x20, 8 + header.length, samplesAt);
  const out = new Float64Array(bytes.buffer, samplesAt, samples);
  let at = 0;
  for (const s of view.series) {
    for (const column of COLUMNS) {
      const values = s[column];
      if (values.length !== s.frame.length) {
        throw new RangeError(
          `Series ${s.individual}/${s.keypoint} has ${values.length} ${column} values for ${s.frame.length} frames.`,
        );
      }
      out.set(values, at);
      at += values.length;
    }
  }
  if (!LITTLE_ENDIAN) swapEach8(bytes.subarray(samplesAt));
  return bytes;
}

/** The pose view in `bytes` (poseViewToBinary's); a ProtocolError naming `url` when they are not one, whole. */
export function poseViewFromBinary(bytes: Uint8Array, url: string): PoseView {
  const broken = (why: string) => new ProtocolError(`The pose view from ${url} could not be read (${why}).`, url);
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) {
    throw broken('it does not start with the pose view signature');
  }
  const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = data.getUint32(4, true);
  if (8 + headerLength > bytes.length) throw broken('it ends inside its header');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)));
  } catch {
    throw broken('its header is not JSON');
  }
  if (typeof json !== 'object' || json === null) throw broken('its header is not an object');
  const header = decodeHeader(json as Partial<PoseViewJson>, url);
  const described = arrayField((json as { series?: unknown }).series, 'series', url).map((raw, i) => {
    const s = raw as Partial<SeriesHeader>;
    if (typeof s.length !== 'number' || !Number.isSafeInteger(s.length) || s.length < 0) {
      throw broken(`series[${i}].length is not a count`);
    }
    return {
      individual: stringField(s.individual, `series[${i}].individual`, url),
      keypoint: stringField(s.keypoint, `series[${i}].keypoint`, url),
      length: s.length,
    };
  });
  const samplesAt = align8(8 + headerLength);
  const expected = samplesAt + described.reduce((sum, s) => sum + s.length * COLUMNS.length * 8, 0);
  if (bytes.length !== expected) throw broken(`${bytes.length} bytes where its header describes ${expected}`);
  // A Float64Array needs an 8-byte-aligned offset, which a view into someone else's buffer may not have.
  const aligned = (bytes.byteOffset + samplesAt) % 8 === 0 && LITTLE_ENDIAN;
  const samples = aligned
    ? new Float64Array(bytes.buffer, bytes.byteOffset + samplesAt, (bytes.length - samplesAt) / 8)
    : new Float64Array(littleEndianCopy(bytes.subarray(samplesAt)).buffer);
  let at = 0;
  const column = (length: number): number[] => Array.from(samples.subarray(at, (at += length)));
  const series = described.map(({ individual, keypoint, length }) => ({
    individual,
    keypoint,
    frame: column(length),
    time: column(length),
    x: column(length),
    y: column(length),
    confidence: column(length),
  }));
  return { ...header, series };
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

// Typed arrays use the platform's byte order; the bytes are little-endian on every platform.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function swapEach8(bytes: Uint8Array): void {
  for (let i = 0; i < bytes.length; i += 8) bytes.subarray(i, i + 8).reverse();
}

function littleEndianCopy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const copy = bytes.slice();
  if (!LITTLE_ENDIAN) swapEach8(copy);
  return copy;
}

/** Everything of a view but its series, numbers decoded from core's JSON encoding. */
function decodeHeader(json: Partial<PoseViewJson>, url: string): Omit<PoseView, 'series'> {
  const n = (value: unknown, where: string) => numberField(value, where, url);
  const metrics = arrayField(json.metrics, 'metrics', url).map((row, i) =>
    arrayField(row, `metrics[${i}]`, url).map((raw, k): KeypointSummary => {
      const m = raw as Partial<Record<keyof KeypointSummary, unknown>>;
      const where = `metrics[${i}][${k}]`;
      return {
        keypoint: stringField(m.keypoint, `${where}.keypoint`, url),
        missing: n(m.missing, `${where}.missing`),
        lowConfidence: n(m.lowConfidence, `${where}.lowConfidence`),
        distance: n(m.distance, `${where}.distance`),
        meanSpeed: n(m.meanSpeed, `${where}.meanSpeed`),
      };
    }),
  );
  const { series: _series, fps, ...rest } = json;
  return {
    ...(rest as Omit<PoseView, 'series' | 'fps'>),
    source: stringField(json.source, 'source', url),
    individuals: arrayField(json.individuals, 'individuals', url).map((v, i) =>
      stringField(v, `individuals[${i}]`, url),
    ),
    keypoints: arrayField(json.keypoints, 'keypoints', url).map((v, i) => stringField(v, `keypoints[${i}]`, url)),
    containers: arrayField(json.containers, 'containers', url).map((v, i) => stringField(v, `containers[${i}]`, url)),
    edges: arrayField(json.edges, 'edges', url).map((pair, i) => {
      const [a, b, ...more] = arrayField(pair, `edges[${i}]`, url);
      if (!Number.isInteger(a) || !Number.isInteger(b) || more.length > 0) {
        throw new ProtocolError(`The pose view from ${url} has no pair of keypoint indices at edges[${i}].`, url);
      }
      return [a, b] as [number, number];
    }),
    frameCount: n(json.frameCount, 'frameCount'),
    start: n(json.start, 'start'),
    end: n(json.end, 'end'),
    ...(fps === undefined || fps === null ? {} : { fps: n(fps, 'fps') }),
    duration: n(json.duration, 'duration'),
    unit: stringField(json.unit, 'unit', url),
    threshold: n(json.threshold, 'threshold'),
    metrics,
  };
}

const SPECIAL = new Set<unknown>([NON_FINITE_JSON.nan, NON_FINITE_JSON.infinity, NON_FINITE_JSON.negativeInfinity]);

/** A number of core's JSON encoding (null: missing, NaN); anything else is refused, never read as NaN. */
function numberField(value: unknown, where: string, url: string): number {
  if (typeof value === 'number' || value === null || SPECIAL.has(value)) {
    return decodeJsonNumber(value as number | string | null);
  }
  throw new ProtocolError(
    `The pose view from ${url} has ${JSON.stringify(value)} where ${where} should be a number.`,
    url,
  );
}

function stringField(value: unknown, where: string, url: string): string {
  if (typeof value === 'string') return value;
  throw new ProtocolError(`The pose view from ${url} has no text at ${where}.`, url);
}

function arrayField(value: unknown, where: string, url: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new ProtocolError(`The pose view from ${url} has no list at ${where}.`, url);
}
