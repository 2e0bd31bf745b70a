// Synthetic JABS pose files (`<video>_pose_est_v<N>.h5`, versions 2..6) laid out exactly like the ones the JABS
// pipeline writes: see docs/pose-formats.md §1.4 and the real samples in the corpus
// (KumarLabJax/JABS-behavior-classifier tests/data/sample_pose_est_v2.h5, _v3.h5). Field-by-field sources:
// KumarLabJax/mouse-tracking-runtime src/mouse_tracking/utils/writers.py (write_pose_v2_data ... write_seg_data,
// write_static_object_data, write_pixel_per_cm_attr) and docs/pose/file_format.md.
import type { Group } from 'h5wasm';
import { boolDataset, patchBoolEnums } from './bool-enum.js';
import { attrFloat32, attrText, numericDataset, writeHdf5Bytes } from './hdf5-writer.js';
import { jabsArena, simulateMice, type Arena, type SimulatedMouse } from './mouse-model.js';
import { Prng } from './prng.js';
import { JABS_KEYPOINTS, type GeneratedFile, type JabsPoseParams, type PoseTruth } from './types.js';

/** JABS does not store a frame rate; its tools assume 30 fps (JABS docs/user-guide/cli-tools.md). */
export const JABS_FPS = 30;
/** Length of the identity embedding vectors (16 in the JABS v4 sample). */
export const JABS_IDENTITY_DIM = 16;
/** Longest segmentation contour written (shorter ones are padded with -1). */
const SEG_MAX_POINTS = 32;
/** The arena floor is about 52 cm across in the JABS open field (0.0733 cm/px over ~710 px in the v5 sample). */
const ARENA_FLOOR_CM = 52;

const MODEL_ATTRS = {
  config: 'synthetic (EMBER sample archive generator; no model was run)',
  model: 'none: synthetic data, not a real recording',
} as const;

const K = JABS_KEYPOINTS.length;

/** Generate a synthetic JABS pose file of `params.version` and the trajectories it holds. */
export async function generateJabsPose(params: JabsPoseParams): Promise<GeneratedFile> {
  const { seed, version, frames, mice } = params;
  if (![2, 3, 4, 5, 6].includes(version))
    throw new RangeError(`JABS pose version ${String(version)} is not one of 2..6.`);
  if (!Number.isInteger(frames) || frames < 1)
    throw new RangeError(`frames must be a positive integer, not ${frames}.`);
  if (!Number.isInteger(mice) || mice < 1) throw new RangeError(`mice must be a positive integer, not ${mice}.`);
  if (version === 2 && mice !== 1) throw new RangeError('JABS pose v2 holds exactly one mouse.');
  const slots = version === 2 ? 1 : (params.instanceSlots ?? (mice === 1 ? 1 : mice + 1));
  if (slots < mice) throw new RangeError(`instanceSlots (${slots}) must be at least the number of mice (${mice}).`);
  // instance_count is uint8 in every JABS file.
  if (slots > 255) throw new RangeError(`instanceSlots (${slots}) must fit JABS's uint8 instance_count (at most 255).`);

  const arena = jabsArena(seed);
  const sim = simulateMice({
    seed,
    frames,
    mice,
    fps: JABS_FPS,
    arena,
    // v2-era single-mouse models peak near 1; the multi-mouse ones reach 5 and more (corpus samples).
    confidenceScale: version === 2 ? 1 : 4,
    dropouts: true,
  });
  const layout = assignSlots(seed, sim, frames, slots);
  const cmPerPixel = Math.fround(ARENA_FLOOR_CM / meanSide(arena));
  const objects = staticObjects(seed, arena);

  const bytes = await writeHdf5Bytes((file) => {
    const poseest = file.create_group('poseest');
    const versionAttr =
      params.versionAttribute === undefined ? (version === 2 ? null : [version, 0]) : params.versionAttribute;
    if (versionAttr) poseest.create_attribute('version', Uint16Array.from(versionAttr), [2], '<H');
    if (version >= 5) {
      attrFloat32(poseest, 'cm_per_pixel', cmPerPixel);
      attrText(poseest, 'cm_per_pixel_source', 'corner_detection');
    }
    writePoseDatasets(poseest, params, sim, layout, slots);
    if (version >= 5) writeStaticObjects(file.create_group('static_objects'), objects);
  });

  const truth: PoseTruth = {
    keypoints: JABS_KEYPOINTS,
    individuals: sim.map((_, m) => `mouse_${m}`),
    frames,
    fps: JABS_FPS,
    time: Float64Array.from({ length: frames }, (_, f) => f / JABS_FPS),
    x: sim.map((mouse) => mouse.x),
    y: sim.map((mouse) => mouse.y),
    confidence: sim.map((mouse) => mouse.confidence),
    unit: 'pixels',
    ...(version >= 3 ? { trackIds: layout.trackIds } : {}),
    ...(version >= 5
      ? {
          cmPerPixel,
          staticObjects: {
            corners: objects.cornersXY,
            lixit: objects.lixitYX.map(([y, x]) => [x, y] as const),
            food_hopper: objects.foodHopperYX.map(([y, x]) => [x, y] as const),
          },
        }
      : {}),
  };
  const boolDatasets = (version >= 4 ? 1 : 0) + (version >= 6 ? 1 : 0);
  const patched = patchBoolEnums(bytes);
  if (patched !== boolDatasets)
    throw new Error(`Expected ${boolDatasets} bool datasets to patch in the JABS v${version} file, found ${patched}.`);
  return { bytes, truth };
}

interface SlotLayout {
  /** [frame * slots + slot] -> mouse index, or -1 for padding. */
  mouseAt: Int32Array;
  /** [frame * slots + slot] -> tracklet id (0 for padding). */
  trackAt: Uint32Array;
  /** [mouse] -> tracklet id per frame (0 where absent). */
  trackIds: Uint32Array[];
}

// Present mice fill the first slots (padding always comes last) in an order that changes now and then, as the
// bottom-up detector's instance order does; tracklets are gap-free, so a mouse gets a new tracklet id after a gap.
function assignSlots(seed: number, sim: SimulatedMouse[], frames: number, slots: number): SlotLayout {
  const rng = new Prng(seed, 'slots');
  const mice = sim.length;
  const order = Array.from({ length: mice }, (_, m) => m);
  const trackIds = sim.map(() => new Uint32Array(frames));
  const current = new Uint32Array(mice);
  const used = new Set<number>();
  for (let m = 0; m < mice; m++) {
    let id: number;
    do id = rng.int(1, 60);
    while (used.has(id));
    used.add(id);
    current[m] = id;
  }
  let nextTrack = 61;
  const mouseAt = new Int32Array(frames * slots).fill(-1);
  const trackAt = new Uint32Array(frames * slots);
  for (let f = 0; f < frames; f++) {
    if (mice > 1 && rng.chance(1 / 250)) {
      const a = rng.int(0, mice - 1);
      const b = rng.int(0, mice - 1);
      [order[a], order[b]] = [order[b]!, order[a]!];
    }
    let slot = 0;
    for (const m of order) {
      if (!sim[m]!.present[f]) continue;
      if (f > 0 && !sim[m]!.present[f - 1]) current[m] = nextTrack++;
      trackIds[m]![f] = current[m]!;
      mouseAt[f * slots + slot] = m;
      trackAt[f * slots + slot] = current[m]!;
      slot += 1;
    }
  }
  return { mouseAt, trackAt, trackIds };
}

function writePoseDatasets(
  poseest: Group,
  params: JabsPoseParams,
  sim: SimulatedMouse[],
  layout: SlotLayout,
  slots: number,
): void {
  const { version, frames, seed } = params;
  const rng = new Prng(seed, 'embeddings');
  const mice = sim.length;
  const points = new Uint16Array(frames * slots * K * 2);
  const confidence = new Float32Array(frames * slots * K);
  const instanceCount = new Uint8Array(frames);
  const instanceEmbedding = new Float32Array(frames * slots * K);
  const idMask = new Uint8Array(frames * slots).fill(1);
  const embedId = new Uint32Array(frames * slots);
  const identityEmbeds = new Float32Array(frames * slots * JABS_IDENTITY_DIM);
  // Each mouse has its own identity centre and associative-embedding level, as a trained network would give.
  const centres = new Float64Array(mice * JABS_IDENTITY_DIM);
  for (let i = 0; i < centres.length; i++) centres[i] = rng.normal(0, 0.5);
  const embedLevel = Array.from({ length: mice }, (_, m) => -0.7 + (1.2 * m) / Math.max(1, mice));

  for (let f = 0; f < frames; f++) {
    let count = 0;
    for (let s = 0; s < slots; s++) {
      const m = layout.mouseAt[f * slots + s]!;
      if (m < 0) continue;
      count += 1;
      const mouse = sim[m]!;
      for (let k = 0; k < K; k++) {
        const c = mouse.confidence[k]![f]!;
        const at = (f * slots + s) * K + k;
        confidence[at] = c;
        if (c === 0) continue;
        // Stored as (y, x): row, column.
        points[at * 2] = mouse.y[k]![f]!;
        points[at * 2 + 1] = mouse.x[k]![f]!;
        instanceEmbedding[at] = Math.fround(embedLevel[m]! + rng.normal(0, 0.05));
      }
      idMask[f * slots + s] = 0;
      embedId[f * slots + s] = m + 1;
      for (let d = 0; d < JABS_IDENTITY_DIM; d++) {
        identityEmbeds[(f * slots + s) * JABS_IDENTITY_DIM + d] = Math.fround(
          centres[m * JABS_IDENTITY_DIM + d]! + rng.normal(0, 0.08),
        );
      }
    }
    instanceCount[f] = count;
  }

  const gzip = { gzip: 6 };
  const multi = version >= 3;
  const pointsDs = numericDataset(poseest, 'points', points, multi ? [frames, slots, K, 2] : [frames, K, 2], gzip);
  // Every version carries the model's `config`/`model` strings on points, as mouse-tracking-runtime's
  // write_pose_v2_data writes them (the older corpus samples have none); ours say the data are synthetic.
  attrText(pointsDs, 'config', MODEL_ATTRS.config);
  attrText(pointsDs, 'model', MODEL_ATTRS.model);
  numericDataset(poseest, 'confidence', confidence, multi ? [frames, slots, K] : [frames, K], gzip);
  if (!multi) return;
  numericDataset(poseest, 'instance_count', instanceCount, [frames], gzip);
  numericDataset(poseest, 'instance_embedding', instanceEmbedding, [frames, slots, K], gzip);
  numericDataset(poseest, 'instance_track_id', layout.trackAt, [frames, slots], gzip);
  if (version < 4) return;
  boolDataset(poseest, 'id_mask', idMask, [frames, slots], 6);
  numericDataset(poseest, 'instance_embed_id', embedId, [frames, slots], gzip);
  const embeds = numericDataset(poseest, 'identity_embeds', identityEmbeds, [frames, slots, JABS_IDENTITY_DIM], gzip);
  attrText(embeds, 'config', MODEL_ATTRS.config);
  attrText(embeds, 'model', MODEL_ATTRS.model);
  numericDataset(poseest, 'instance_id_center', centres, [mice, JABS_IDENTITY_DIM]);
  if (version < 6) return;
  writeSegmentation(poseest, params, sim, layout, slots);
}

// v6 segmentation: one outer contour per instance, an ellipse around the body in (x, y) order (OpenCV's), padded
// with -1; written frame-chunked at gzip 9 as `write_seg_data` does.
function writeSegmentation(
  poseest: Group,
  params: JabsPoseParams,
  sim: SimulatedMouse[],
  layout: SlotLayout,
  slots: number,
): void {
  const { frames, seed } = params;
  const rng = new Prng(seed, 'segmentation');
  const contours = new Int32Array(frames * slots * SEG_MAX_POINTS * 2).fill(-1);
  const external = new Uint8Array(frames * slots);
  const segTrack = new Uint32Array(frames * slots);
  const segId = new Uint32Array(frames * slots);
  for (let f = 0; f < frames; f++) {
    for (let s = 0; s < slots; s++) {
      const m = layout.mouseAt[f * slots + s]!;
      if (m < 0) continue;
      const mouse = sim[m]!;
      const h = mouse.heading[f]!;
      const cx = mouse.centerX[f]! + 6 * Math.cos(h);
      const cy = mouse.centerY[f]! + 6 * Math.sin(h);
      const n = rng.int(20, SEG_MAX_POINTS);
      for (let p = 0; p < n; p++) {
        const t = (2 * Math.PI * p) / n;
        const a = 62 + rng.normal(0, 1.5);
        const b = 23 + rng.normal(0, 1);
        const ex = a * Math.cos(t);
        const ey = b * Math.sin(t);
        const at = ((f * slots + s) * SEG_MAX_POINTS + p) * 2;
        contours[at] = Math.round(cx + ex * Math.cos(h) - ey * Math.sin(h));
        contours[at + 1] = Math.round(cy + ex * Math.sin(h) + ey * Math.cos(h));
      }
      external[f * slots + s] = 1;
      segTrack[f * slots + s] = layout.trackAt[f * slots + s]!;
      segId[f * slots + s] = m + 1;
    }
  }
  const seg = numericDataset(poseest, 'seg_data', contours, [frames, slots, 1, SEG_MAX_POINTS, 2], {
    gzip: 9,
    chunks: [1, slots, 1, SEG_MAX_POINTS, 2],
  });
  attrText(seg, 'config', MODEL_ATTRS.config);
  attrText(seg, 'model', MODEL_ATTRS.model);
  boolDataset(poseest, 'seg_external_flag', external, [frames, slots, 1], 9, [1, slots, 1]);
  numericDataset(poseest, 'instance_seg_id', segTrack, [frames, slots], { gzip: 6 });
  numericDataset(poseest, 'longterm_seg_id', segId, [frames, slots], { gzip: 6 });
}

interface StaticObjects {
  cornersXY: [number, number][];
  lixitYX: [number, number][];
  foodHopperYX: [number, number][];
}

// A water spout (lixit) on the middle of the top wall and a food hopper on the right wall.
function staticObjects(seed: number, arena: Arena): StaticObjects {
  const rng = new Prng(seed, 'static-objects');
  const [tl, , tr, br] = arena.corners as [[number, number], [number, number], [number, number], [number, number]];
  const topY = (tl[1] + tr[1]) / 2;
  const midX = (tl[0] + tr[0]) / 2 + rng.uniform(-40, 40);
  const rightX = (tr[0] + br[0]) / 2;
  const midY = (tr[1] + br[1]) / 2 + rng.uniform(-60, 60);
  return {
    cornersXY: arena.corners.map(([x, y]) => [x, y]),
    // tip, left, right of the spout, (y, x).
    lixitYX: [
      [Math.fround(topY + 22 + rng.uniform(-2, 2)), Math.fround(midX)],
      [Math.fround(topY + 4), Math.fround(midX - 9)],
      [Math.fround(topY + 4), Math.fround(midX + 9)],
    ],
    foodHopperYX: [
      [Math.round(midY - 55), Math.round(rightX - 48)],
      [Math.round(midY - 55), Math.round(rightX - 4)],
      [Math.round(midY + 55), Math.round(rightX - 4)],
      [Math.round(midY + 55), Math.round(rightX - 48)],
    ],
  };
}

function writeStaticObjects(group: Group, objects: StaticObjects): void {
  // Contiguous, as `write_static_object_data` writes them; corners are (x, y), lixit and food_hopper (y, x).
  const corners = numericDataset(group, 'corners', Uint16Array.from(objects.cornersXY.flat()), [
    objects.cornersXY.length,
    2,
  ]);
  const lixit = numericDataset(group, 'lixit', Float32Array.from(objects.lixitYX.flat()), [1, 3, 2]);
  const hopper = numericDataset(group, 'food_hopper', Uint16Array.from(objects.foodHopperYX.flat()), [4, 2]);
  for (const ds of [corners, lixit, hopper]) {
    attrText(ds, 'config', MODEL_ATTRS.config);
    attrText(ds, 'model', MODEL_ATTRS.model);
  }
}

function meanSide(arena: Arena): number {
  const c = arena.corners;
  const d = (a: number, b: number): number =>
    Math.hypot((c[a]?.[0] ?? 0) - (c[b]?.[0] ?? 0), (c[a]?.[1] ?? 0) - (c[b]?.[1] ?? 0));
  // Corners are top-left, bottom-left, top-right, bottom-right.
  return (d(0, 1) + d(0, 2) + d(1, 3) + d(2, 3)) / 4;
}
