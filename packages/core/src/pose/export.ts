// Pose export: tidy CSV (one row per frame x individual x keypoint) and the JSON shape `ember-archive pose
// --format json` prints. Missing values (NaN in the model) are empty CSV cells and JSON nulls, never NaN or 0;
// infinities stay numbers here and are written "Infinity"/"-Infinity" by core's stringifyJson (json/json-encoding.ts).
import type { PoseData, PoseSegmentation, PoseSource, PoseStaticObject } from './model.js';

/** One track in the JSON export. */
export interface PoseJsonTrack {
  individual: string;
  keypoint: string;
  x: (number | null)[];
  y: (number | null)[];
  z?: (number | null)[];
  confidence: (number | null)[];
}

/** The JSON export of pose data. */
export interface PoseJson {
  source: PoseSource;
  formatVersion: string;
  container: string;
  individuals: string[];
  keypoints: string[];
  frameCount: number;
  start: number;
  end: number;
  time: (number | null)[];
  tracks: PoseJsonTrack[];
  unit: string;
  fps: number | null;
  edges: [number, number][];
  referenceFrame: string;
  staticObjects: PoseStaticObject[];
  /** Only when the pose carries segmentation (asked for, JABS v6+): an extra key, so readers of the rest are unaffected. */
  segmentation?: PoseSegmentation;
}

// NaN is the model's "missing" (pose/model.ts), so it becomes null; every other number is kept for stringifyJson.
function orNull(values: ArrayLike<number>): (number | null)[] {
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    out[i] = Number.isNaN(v) ? null : v;
  }
  return out;
}

/**
 * The JSON export: the documented fields first, then unit, fps, edges, reference frame, static objects, and
 * segmentation when the pose has it (already plain arrays: contours as [x, y] points).
 */
export function poseToJson(pose: PoseData): PoseJson {
  return {
    source: pose.source,
    formatVersion: pose.formatVersion,
    container: pose.container,
    individuals: pose.individuals,
    keypoints: pose.keypoints,
    frameCount: pose.frameCount,
    start: pose.start,
    end: pose.end,
    time: orNull(pose.time),
    tracks: pose.tracks.map((t) => ({
      individual: t.individual,
      keypoint: t.keypoint,
      x: orNull(t.x),
      y: orNull(t.y),
      ...(t.z ? { z: orNull(t.z) } : {}),
      confidence: orNull(t.confidence),
    })),
    unit: pose.unit,
    fps: pose.fps ?? null,
    edges: pose.edges,
    referenceFrame: pose.referenceFrame,
    staticObjects: pose.staticObjects,
    ...(pose.segmentation ? { segmentation: pose.segmentation } : {}),
  };
}

// Missing (NaN) is an empty cell; infinities are written as pandas and Python's float() read them back.
function cell(value: number): string {
  if (Number.isNaN(value)) return '';
  return value === Infinity ? 'Infinity' : value === -Infinity ? '-Infinity' : String(value);
}

function csvText(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Tidy CSV in pieces (header, then one piece per frame), so large windows can be streamed to a file. */
export function* poseCsvChunks(pose: PoseData): Generator<string> {
  const three = pose.dimensions === 3;
  yield `frame,time,individual,keypoint,x,y,${three ? 'z,' : ''}confidence\n`;
  const labels = pose.tracks.map((t) => `${csvText(t.individual)},${csvText(t.keypoint)}`);
  for (let i = 0; i < pose.time.length; i++) {
    let piece = '';
    const prefix = `${pose.start + i},${cell(pose.time[i] as number)},`;
    pose.tracks.forEach((t, k) => {
      const z = three ? `${cell(t.z?.[i] ?? Number.NaN)},` : '';
      piece += `${prefix}${labels[k]},${cell(t.x[i] as number)},${cell(t.y[i] as number)},${z}${cell(t.confidence[i] as number)}\n`;
    });
    yield piece;
  }
}

/** Tidy CSV as one string: frame, time, individual, keypoint, x, y, [z,] confidence. */
export function poseToCsv(pose: PoseData): string {
  let out = '';
  for (const chunk of poseCsvChunks(pose)) out += chunk;
  return out;
}
