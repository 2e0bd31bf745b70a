// JABS v6 segmentation: mask outlines per instance, read for a window of frames only (hyperslabs of [start, end)).
// Layout (mouse-tracking-runtime docs/pose/file_format.md; docs/pose-formats.md §1.4):
// - `poseest/seg_data` int32 (F, I, C, L, 2): up to C contours of up to L points per instance slot, stored (x, y)
//   (OpenCV's order, unlike `points`), padded with -1.
// - `poseest/seg_external_flag` bool (F, I, C): true = outer boundary, false = hole.
// - `poseest/longterm_seg_id` uint32 (F, I): "values the same across both this field and instance_embed_id identify
//   animals"; `poseest/instance_seg_id` likewise pairs with instance_track_id. 0 = padding. Both are optional
//   ("only available if segmentation linking was applied").
// Matching: KumarLabJax/JABS-behavior-classifier src/jabs/pose_estimation/pose_est_v6.py `_segmentation_sort` puts
// the seg slot whose longterm_seg_id == identity + 1 at that identity, which is the v4+ rule the pose uses
// (identity = instance_embed_id - 1); seg slots are not assumed to line up with pose slots. (JABS only looks for ids up
// to the number of seg slots; we accept any id naming an identity of the file, and count the rest as unmatched.)
// Padding: mouse-tracking-runtime src/mouse_tracking/utils/segmentation.py `get_trimmed_contour` drops points whose
// coordinates are both -1, and `get_contour_stack` ends a slot's list at the first all-padding contour (we skip it).
import type { Hdf5File } from '../hdf5/types.js';
import { CorruptFileError } from '../errors.js';
import { resolveNode, toNumbers } from '../nwb/values.js';
import type { PoseContour, PoseSegmentation, PoseSegmentationTrack } from './model.js';
import { rowBlocks, rowsPerRead } from './window.js';

const SEG_DATA = '/poseest/seg_data';
const SEG_FLAGS = '/poseest/seg_external_flag';
const LONGTERM_SEG_ID = '/poseest/longterm_seg_id';
const INSTANCE_SEG_ID = '/poseest/instance_seg_id';
const INSTANCE_TRACK_ID = '/poseest/instance_track_id';
const INSTANCE_COUNT = '/poseest/instance_count';
const PADDING = -1;

/** What the pose reader already knows that the segmentation needs. */
export interface SegmentationContext {
  frameCount: number;
  start: number;
  end: number;
  /** Every identity of the file (index = identity). */
  individuals: readonly string[];
  /** Indices into `individuals` of those read, in output order. */
  chosen: readonly number[];
  /** Pose instance slots per frame, and the identity of each (window frame, pose slot) or -1. */
  poseSlots: number;
  identityAt: Int32Array;
  /** Multiplier to the pose's unit (cm_per_pixel, or 1). */
  scale: number;
}

/** Whether the file holds JABS segmentation contours. */
export async function hasJabsSegmentation(file: Hdf5File): Promise<boolean> {
  return (await resolveNode(file, SEG_DATA))?.kind === 'dataset';
}

type Numbers = ArrayLike<number | bigint>;

async function readRows(file: Hdf5File, path: string, lo: number, hi: number, rank: number): Promise<Numbers> {
  const { values } = await file.read(path, [[lo, hi], ...Array.from({ length: rank - 1 }, () => null)]);
  return ArrayBuffer.isView(values) ? (values as Numbers) : Float64Array.from(toNumbers(values));
}

/** The window's contours per individual read, or undefined when the file has no segmentation. */
export async function readJabsSegmentation(
  file: Hdf5File,
  ctx: SegmentationContext,
): Promise<PoseSegmentation | undefined> {
  if (!(await hasJabsSegmentation(file))) return undefined;
  // node(), not dataset(): the shape is all that is needed, and dataset() also reads the storage plan, which lists
  // every chunk of the contours (one per frame): for a window that index cost more than the window's own contours.
  const shape = (await file.node(SEG_DATA))?.shape ?? [];
  if (shape.length !== 5 || shape[4] !== 2 || shape[0] !== ctx.frameCount) {
    throw new CorruptFileError(
      `${file.name} has ${SEG_DATA} of shape [${shape.join(', ')}], not (${ctx.frameCount} frames, instances, contours, points, 2).`,
      file.name,
    );
  }
  const [, segSlots = 0, contours = 0, length = 0] = shape as [number, number, number, number, number];
  const isDataset = async (path: string) => (await resolveNode(file, path))?.kind === 'dataset';
  const hasFlags = await isDataset(SEG_FLAGS);
  const linkedBy: PoseSegmentation['linkedBy'] = (await isDataset(LONGTERM_SEG_ID))
    ? 'longterm_seg_id'
    : (await isDataset(INSTANCE_SEG_ID)) && (await isDataset(INSTANCE_TRACK_ID)) && (await isDataset(INSTANCE_COUNT))
      ? 'instance_seg_id'
      : 'none';

  const { start, end, individuals, scale } = ctx;
  const n = end - start;
  const tracks: PoseSegmentationTrack[] = ctx.chosen.map((i) => ({
    individual: individuals[i] as string,
    frames: Array.from({ length: n }, () => [] as PoseContour[]),
  }));
  const trackOf: (PoseSegmentationTrack | undefined)[] = new Array(individuals.length);
  ctx.chosen.forEach((i, t) => {
    trackOf[i] = tracks[t];
  });
  let unmatchedContours = 0;

  const rowBytes = segSlots * contours * length * 2 * 4;
  const blocks = [...rowBlocks(start, end, rowsPerRead(rowBytes))];
  await Promise.all(
    blocks.map(async ([lo, hi]) => {
      const [seg, flags, ids, poseTracks, counts] = await Promise.all([
        readRows(file, SEG_DATA, lo, hi, 5),
        hasFlags ? readRows(file, SEG_FLAGS, lo, hi, 3) : undefined,
        linkedBy === 'longterm_seg_id'
          ? readRows(file, LONGTERM_SEG_ID, lo, hi, 2)
          : linkedBy === 'instance_seg_id'
            ? readRows(file, INSTANCE_SEG_ID, lo, hi, 2)
            : undefined,
        linkedBy === 'instance_seg_id' ? readRows(file, INSTANCE_TRACK_ID, lo, hi, 2) : undefined,
        linkedBy === 'instance_seg_id' ? readRows(file, INSTANCE_COUNT, lo, hi, 1) : undefined,
      ]);
      for (let f = lo; f < hi; f++) {
        const row = f - lo;
        const out = f - start;
        for (let s = 0; s < segSlots; s++) {
          const slot = row * segSlots + s;
          const identity = identityOfSegSlot(ctx, ids, poseTracks, counts, slot, row, out);
          for (let c = 0; c < contours; c++) {
            const base = (slot * contours + c) * length * 2;
            const points: [number, number][] = [];
            for (let p = 0; p < length; p++) {
              const x = Number(seg[base + p * 2]);
              const y = Number(seg[base + p * 2 + 1]);
              if (x === PADDING && y === PADDING) continue;
              points.push([x * scale, y * scale]);
            }
            if (points.length === 0) continue;
            if (identity < 0) {
              unmatchedContours += 1;
              continue;
            }
            const external = flags ? Number(flags[slot * contours + c]) !== 0 : null;
            trackOf[identity]?.frames[out]?.push({ external, points });
          }
        }
      }
    }),
  );
  return { dataset: SEG_DATA, linkedBy, tracks, unmatchedContours };
}

// The identity (index into ctx.individuals) a seg slot belongs to, or -1.
function identityOfSegSlot(
  ctx: SegmentationContext,
  ids: Numbers | undefined,
  poseTracks: Numbers | undefined,
  counts: Numbers | undefined,
  slot: number,
  row: number,
  out: number,
): number {
  if (!ids) return -1;
  const id = Number(ids[slot]);
  if (id === 0) return -1;
  if (!poseTracks || !counts) return id <= ctx.individuals.length ? id - 1 : -1;
  // instance_seg_id: the pose instance of this frame with the same tracklet id carries the identity.
  const count = Math.min(ctx.poseSlots, Number(counts[row]));
  for (let p = 0; p < count; p++) {
    if (Number(poseTracks[row * ctx.poseSlots + p]) === id) return ctx.identityAt[out * ctx.poseSlots + p] ?? -1;
  }
  return -1;
}
