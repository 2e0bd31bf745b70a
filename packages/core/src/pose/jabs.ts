// JABS pose files `<video>_pose_est_vN.h5`, versions 2 to 8 (keypoints, static objects, and v6 segmentation when asked
// for in jabs-segmentation.ts; later additions beyond v6 are ignored).
// Sources: KumarLabJax/JABS-behavior-classifier src/jabs/pose_estimation/{__init__,pose_est_v2..v5}.py and
// KumarLabJax/mouse-tracking-runtime docs/pose/file_format.md, summarised in docs/pose-formats.md §1.
// - `poseest/points` stores (y, x) = (row, col); every JABS reader flips the last axis, so do we.
// - static_objects/corners is stored (x, y); lixit and food_hopper are (y, x) (pose_est_v5.py OBJECTS_STORED_YX).
// - The `version` attribute is unreliable (the JABS v5 test file says [3, 0]): the file name decides
//   (`_v([0-9])+\.h5`, __init__.py get_pose_file_major_version), checked against the datasets present.
// - Padding and missing points have confidence 0; confidence is a heatmap peak that exceeds 1, never clamped.
//   JABS keeps points with confidence > 0.3 (pose_est.py MINIMUM_CONFIDENCE): that is the metrics threshold.
// - v3 has no long-term identity: tracklets become identity slots greedily, a new track taking the lowest free
//   slot (pose_est_v3.py _build_identity_map). v4+: identity = instance_embed_id - 1 where id_mask == 0,
//   identities = max(instance_embed_id) over unmasked entries (pose_est_v4.py).
// - The frame rate is not stored: JABS reads it from the video and its CLI defaults to 30 fps.
import type { Hdf5File } from '../hdf5/types.js';
import { CorruptFileError, UnsupportedError } from '../errors.js';
import { attrsOf, baseName, readTextList, resolveNode, toNumber, toNumbers } from '../nwb/values.js';
import { ASSUMED_FPS, type PoseData, type PoseStaticObject, type PoseTrack, type ReadPoseOptions } from './model.js';
import { readJabsSegmentation } from './jabs-segmentation.js';
import { alignedRowBlocks, pipelinedBlockRows, remapEdges, resolveWindow, rowsPerRead, selectNames } from './window.js';

/** JABS keypoints in file index order (pose_est.py KeypointIndex). */
export const JABS_KEYPOINT_NAMES = [
  'nose',
  'left_ear',
  'right_ear',
  'base_neck',
  'left_front_paw',
  'right_front_paw',
  'center_spine',
  'left_rear_paw',
  'right_rear_paw',
  'base_tail',
  'mid_tail',
  'tip_tail',
] as const;

// FULL_CONNECTED_SEGMENTS of pose_est.py as polylines of keypoint indices.
const JABS_SEGMENTS: number[][] = [
  [4, 6, 5],
  [7, 9, 8],
  [0, 3, 6, 9, 10, 11],
  [1, 0, 2],
];

/** JABS skeleton edges as index pairs into JABS_KEYPOINT_NAMES. */
export const JABS_EDGES: [number, number][] = JABS_SEGMENTS.flatMap((line) =>
  line.slice(1).map((to, i) => [line[i] as number, to] as [number, number]),
);

/** The threshold JABS uses to call a keypoint valid. */
export const JABS_MINIMUM_CONFIDENCE = 0.3;

/** JABS's own NWB export words the coordinate system like this (docs/user-guide/file-formats.md). */
const JABS_REFERENCE_FRAME = 'Top-left corner of video frame, x increases rightward, y increases downward';

// Static objects not listed here are stored (x, y), like corners.
const OBJECTS_STORED_YX = new Set(['lixit', 'food_hopper']);

/** The major version a JABS pose file name claims (`..._pose_est_v5.h5` -> 5), or undefined. */
export function jabsVersionFromName(name: string): number | undefined {
  const match = /_v([0-9]+)\.h5$/i.exec(baseName(name.split(/[?#]/)[0] ?? name));
  return match ? Number(match[1]) : undefined;
}

/** Whether the file looks like a JABS pose file (has /poseest/points). */
export async function isJabsPose(file: Hdf5File): Promise<boolean> {
  return (await resolveNode(file, '/poseest/points'))?.kind === 'dataset';
}

/** The version the datasets present imply (the highest whose additions exist). */
async function versionFromDatasets(file: Hdf5File, pointsRank: number): Promise<number> {
  if (pointsRank === 3) return 2;
  const has = async (p: string) => (await resolveNode(file, p)) !== null;
  if (await has('/poseest/bbox')) return 8;
  if (await has('/dynamic_objects')) return 7;
  if (await has('/poseest/seg_data')) return 6;
  if (await has('/static_objects')) return 5;
  if ((await has('/poseest/instance_embed_id')) && (await has('/poseest/id_mask'))) return 4;
  return 3;
}

/** Decide the major version: the file name's, unless the datasets it implies are missing. */
export async function detectJabsVersion(
  file: Hdf5File,
  fileName: string | undefined,
  pointsRank: number,
): Promise<number> {
  const fromData = await versionFromDatasets(file, pointsRank);
  const fromName = jabsVersionFromName(fileName ?? file.name);
  if (fromName === undefined) return fromData;
  if (fromName === 2 || pointsRank === 3) {
    if (fromName !== 2 || pointsRank !== 3) {
      throw new CorruptFileError(
        `${file.name} is named as JABS pose v${fromName} but its points have ${pointsRank} dimensions.`,
        file.name,
      );
    }
    return 2;
  }
  // Names below what the data shows are trusted (a v6 file may simply lack optional groups); names above are not.
  return fromName <= fromData ? fromName : fromData;
}

/** Read a JABS pose file into the common model. */
export async function readJabsPose(file: Hdf5File, options: ReadPoseOptions = {}): Promise<PoseData> {
  const points = await file.dataset('/poseest/points');
  const shape = points.shape ?? [];
  if ((shape.length !== 3 && shape.length !== 4) || shape[shape.length - 1] !== 2) {
    throw new CorruptFileError(
      `${file.name} has /poseest/points of shape [${shape.join(', ')}], not (frames, [instances,] 12, 2).`,
      file.name,
    );
  }
  const version = await detectJabsVersion(file, options.fileName, shape.length);
  if (version > 8)
    throw new UnsupportedError(
      `${file.name} is JABS pose v${version}, newer than v8 which this version reads.`,
      file.name,
    );
  const frameCount = shape[0] ?? 0;
  const slots = shape.length === 4 ? (shape[1] ?? 1) : 1;
  const keypointCount = shape[shape.length - 2] ?? 12;
  const keypoints = JABS_KEYPOINT_NAMES.slice(0, keypointCount) as string[];
  const { start, end } = resolveWindow(options, frameCount, file.name);
  const poseAttrs = await attrsOf(file, '/poseest');

  // Identity of each (frame, slot) in the window, -1 for none.
  const identities = await buildIdentities(file, version, frameCount, slots, start, end);
  const individuals = identities.names;
  const chosenIndividuals = selectNames(individuals, options.individuals, 'individual', file.name);
  const chosenKeypoints = selectNames(keypoints, options.keypoints, 'keypoint', file.name);

  const cmPerPixelRaw = toNumber(poseAttrs.cm_per_pixel);
  const cmPerPixel = Number.isFinite(cmPerPixelRaw) && cmPerPixelRaw > 0 ? cmPerPixelRaw : undefined;
  const scale = cmPerPixel !== undefined && options.units !== 'pixels' ? cmPerPixel : 1;

  const n = end - start;
  // Tracks are allocated unfilled: the block loop below writes every element exactly once, NaN where the individual
  // is absent (a NaN fill then overwrite of 36 x 108k-frame tracks cost ~0.07 s per extraction, bench/README.md).
  const tracks: PoseTrack[] = [];
  for (const i of chosenIndividuals) {
    for (const k of chosenKeypoints) {
      tracks.push({
        individual: individuals[i] as string,
        keypoint: keypoints[k] as string,
        x: new Float64Array(n),
        y: new Float64Array(n),
        confidence: new Float64Array(n),
      });
    }
  }
  const layout: JabsLayout = {
    slots,
    keypointCount,
    individualCount: individuals.length,
    chosenIndividuals: Int32Array.from(chosenIndividuals),
    chosenKeypoints: Int32Array.from(chosenKeypoints),
    x: tracks.map((t) => t.x),
    y: tracks.map((t) => t.y),
    confidence: tracks.map((t) => t.confidence),
    scale,
  };

  const rest = shape.slice(1).map(() => null);
  // Chunk-aligned blocks, all asked for at once: the reader's worker inflates the next while this thread scatters the
  // last (one block for the whole window left the scatter, ~0.1 s for 108k frames, after all of the inflating).
  const blockRows = pipelinedBlockRows(n, points.chunks?.[0], rowsPerRead(slots * keypointCount * 8));
  const blocks = [...alignedRowBlocks(start, end, blockRows)];
  await Promise.all(
    blocks.map(async ([lo, hi]) => {
      const [p, c] = await Promise.all([
        file.read('/poseest/points', [[lo, hi], ...rest]).then((v) => v.values),
        file.read('/poseest/confidence', [[lo, hi], ...rest.slice(0, -1)]).then((v) => v.values),
      ]);
      const points = isNumberArray(p) ? p : Float64Array.from(toNumbers(p));
      const confidence = isNumberArray(c) ? c : Float64Array.from(toNumbers(c));
      scatterBlock(points, confidence, identities.at, layout, lo - start, hi - lo);
    }),
  );

  const fps = options.fps ?? ASSUMED_FPS;
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) time[i] = (start + i) / fps;
  const pose: PoseData = {
    source: 'jabs',
    formatVersion: String(version),
    location: file.name,
    container: '/poseest',
    individuals: chosenIndividuals.map((i) => individuals[i] as string),
    keypoints: chosenKeypoints.map((k) => keypoints[k] as string),
    edges: remapEdges(JABS_EDGES, chosenKeypoints),
    frameCount,
    start,
    end,
    time,
    fps,
    fpsAssumed: options.fps === undefined,
    dimensions: 2,
    unit: scale === 1 ? 'pixels' : 'cm',
    referenceFrame: JABS_REFERENCE_FRAME,
    confidenceThreshold: JABS_MINIMUM_CONFIDENCE,
    tracks,
    staticObjects: version >= 5 ? await readStaticObjects(file, scale) : [],
  };
  if (cmPerPixel !== undefined) pose.cmPerPixel = cmPerPixel;
  // JABS reads segmentation from v6 on (pose_est_v6.py); a file named below v6 is read as that version.
  if (options.segmentation && version >= 6) {
    const segmentation = await readJabsSegmentation(file, {
      frameCount,
      start,
      end,
      individuals,
      chosen: chosenIndividuals,
      poseSlots: slots,
      identityAt: identities.at,
      scale,
    });
    if (segmentation) pose.segmentation = segmentation;
  }
  return pose;
}

interface IdentityMap {
  names: string[];
  /** Identity index per (window frame, slot), at `(frame - start) * slots + slot`, or -1. */
  at: Int32Array;
}

async function buildIdentities(
  file: Hdf5File,
  version: number,
  frameCount: number,
  slots: number,
  start: number,
  end: number,
): Promise<IdentityMap> {
  if (version === 2) return { names: ['mouse_0'], at: new Int32Array(end - start) };
  if (version === 3) return buildTrackIdentities(file, frameCount, slots, start, end);
  return buildEmbedIdentities(file, slots, start, end);
}

// v3: the identity map depends on every earlier frame, so the small id arrays are read whole (F and F x I).
async function buildTrackIdentities(
  file: Hdf5File,
  frameCount: number,
  slots: number,
  start: number,
  end: number,
): Promise<IdentityMap> {
  const [counts, trackIds] = await Promise.all([
    file.read('/poseest/instance_count').then((v) => v.values),
    file.read('/poseest/instance_track_id').then((v) => v.values),
  ]);
  const slotOfTrack = new Map<number, number>();
  const free: number[] = [];
  let used = 0;
  let last: number[] = [];
  const window = new Int32Array((end - start) * slots).fill(-1);
  for (let f = 0; f < frameCount; f++) {
    const count = Math.min(slots, Number(counts[f] ?? 0));
    const current: number[] = [];
    for (let s = 0; s < count; s++) current.push(Number(trackIds[f * slots + s]));
    for (const track of last) {
      if (!current.includes(track)) {
        free.push(slotOfTrack.get(track) as number);
        free.sort((a, b) => a - b);
      }
    }
    for (const track of current) {
      if (!slotOfTrack.has(track)) {
        const slot = free.length > 0 ? (free.shift() as number) : used++;
        slotOfTrack.set(track, slot);
      }
    }
    if (f >= start && f < end) {
      for (let s = 0; s < count; s++) window[(f - start) * slots + s] = slotOfTrack.get(current[s] as number) as number;
    }
    last = current;
  }
  const names = Array.from({ length: used }, (_, i) => `mouse_${i}`);
  return { names, at: window };
}

async function buildEmbedIdentities(file: Hdf5File, slots: number, start: number, end: number): Promise<IdentityMap> {
  const [mask, embed] = await Promise.all([
    file.read('/poseest/id_mask').then((v) => v.values),
    file.read('/poseest/instance_embed_id').then((v) => v.values),
  ]);
  let count = 0;
  for (let i = 0; i < embed.length; i++) {
    if (Number(mask[i]) === 0) count = Math.max(count, Number(embed[i]));
  }
  const external = await readTextList(file, '/poseest/external_identity_mapping');
  const names = Array.from({ length: count }, (_, i) => external?.[i] ?? `mouse_${i}`);
  const at = new Int32Array((end - start) * slots).fill(-1);
  for (let w = 0; w < at.length; w++) {
    const i = start * slots + w;
    if (Number(mask[i]) !== 0) continue;
    const id = Number(embed[i]) - 1;
    if (id >= 0 && id < count) at[w] = id;
  }
  return { names, at };
}

async function readStaticObjects(file: Hdf5File, scale: number): Promise<PoseStaticObject[]> {
  if ((await resolveNode(file, '/static_objects'))?.kind !== 'group') return [];
  const objects: PoseStaticObject[] = [];
  for (const child of await file.list('/static_objects')) {
    const name = baseName(child.path);
    const path = `/static_objects/${name}`;
    if ((await resolveNode(file, path))?.kind !== 'dataset') continue;
    const { values, shape } = await file.read(path);
    if (shape[shape.length - 1] !== 2) continue;
    const numbers = toNumbers(values);
    const yx = OBJECTS_STORED_YX.has(name);
    const points: [number, number][] = [];
    for (let i = 0; i + 1 < numbers.length; i += 2) {
      const a = (numbers[i] as number) * scale;
      const b = (numbers[i + 1] as number) * scale;
      points.push(yx ? [b, a] : [a, b]);
    }
    objects.push({ name, points });
  }
  return objects;
}

/** Where a JABS block's values go: tracks in (chosen individual, chosen keypoint) order. */
interface JabsLayout {
  slots: number;
  keypointCount: number;
  individualCount: number;
  chosenIndividuals: Int32Array;
  chosenKeypoints: Int32Array;
  x: Float64Array[];
  y: Float64Array[];
  confidence: Float64Array[];
  scale: number;
}

/**
 * Write rows [0, rows) of a block into window frames [out, out + rows) of every chosen track: each element once,
 * in frame order, NaN where the individual is in no slot. Points are stored (y, x).
 */
function scatterBlock(
  points: ArrayLike<number>,
  confidence: ArrayLike<number>,
  identityAt: Int32Array,
  layout: JabsLayout,
  out: number,
  rows: number,
): void {
  const { slots, keypointCount: kc, chosenIndividuals, chosenKeypoints, x, y, confidence: conf, scale } = layout;
  const slotOf = new Int32Array(layout.individualCount);
  const keypoints = chosenKeypoints.length;
  for (let row = 0; row < rows; row++) {
    const f = out + row;
    slotOf.fill(-1);
    for (let s = 0; s < slots; s++) {
      const identity = identityAt[f * slots + s] as number;
      // Should two slots claim one identity, the last wins, as in a per-slot pass.
      if (identity >= 0) slotOf[identity] = s;
    }
    let t = 0;
    for (let ci = 0; ci < chosenIndividuals.length; ci++) {
      const slot = slotOf[chosenIndividuals[ci] as number] as number;
      if (slot < 0) {
        for (let j = 0; j < keypoints; j++, t++) {
          (conf[t] as Float64Array)[f] = Number.NaN;
          (x[t] as Float64Array)[f] = Number.NaN;
          (y[t] as Float64Array)[f] = Number.NaN;
        }
        continue;
      }
      const rowBase = (row * slots + slot) * kc;
      for (let j = 0; j < keypoints; j++, t++) {
        const i = rowBase + (chosenKeypoints[j] as number);
        const c = confidence[i] as number;
        (conf[t] as Float64Array)[f] = c;
        // Confidence 0 marks padding or a missing point; its coordinates are (0, 0), not a position.
        if (c > 0) {
          (y[t] as Float64Array)[f] = (points[i * 2] as number) * scale;
          (x[t] as Float64Array)[f] = (points[i * 2 + 1] as number) * scale;
        } else {
          (x[t] as Float64Array)[f] = Number.NaN;
          (y[t] as Float64Array)[f] = Number.NaN;
        }
      }
    }
  }
}

function isNumberArray(values: unknown): values is ArrayLike<number> {
  return ArrayBuffer.isView(values) && !(values instanceof BigInt64Array) && !(values instanceof BigUint64Array);
}
