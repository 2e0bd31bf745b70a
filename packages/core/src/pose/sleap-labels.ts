// SLEAP labels and predictions files (`*.slp`, and the same layout that older SLEAP wrote to `.h5`: LabelsV1Adaptor
// lists the extensions slp, h5 and hdf5, and SLEAP's test_hdf5_v1 reads tests/data/hdf5_format_v1/
// centered_pair_predictions.h5 with it), told apart from other HDF5 by layout only: a `metadata` group whose
// attribute `json` holds skeletons and nodes (`format_id` beside it), and compound tables linked by row ranges
// (talmolab/sleap sleap/io/format/hdf5.py LabelsV1Adaptor.read and write; talmolab/sleap-io sleap_io/io/slp.py
// read_labels, read_instances, write_lfs):
//   frames      {frame_id, video, frame_idx, instance_id_start, instance_id_end}: one row per labelled frame; the
//               instances of a frame are rows [instance_id_start, instance_id_end) of `instances`;
//   instances   {instance_id, instance_type (0 user, 1 predicted), frame_id, skeleton, track (-1 none), from_predicted
//               (row of the prediction a user instance was made from, -1 none), score, point_id_start, point_id_end,
//               tracking_score (format_id >= 1.2)}: the points of an instance are rows [point_id_start, point_id_end)
//               of `points` (user) or `pred_points` (predicted), one per skeleton node in skeleton order;
//   points      {x, y, visible, complete}; pred_points {x, y, visible, complete, score};
//   videos_json one JSON object per video ({backend: {filename, fps?, shape?, dataset?}}); tracks_json one JSON list
//               [spawned_on, name] per track (older files keep both lists in the metadata JSON instead).
// Invisible points are NaN, as SLEAP's Instance.numpy() gives them (sleap/instance.py, invisible_as_nan). Files before
// format_id 1.1 stored user points with the pixel's top-left corner at integer coordinates: SLEAP shifts them by -0.5
// on read (predicted points are left as they are), and so does this reader.
// A window reads the frames table (the index, 36 bytes a labelled frame), then only the instance rows of the window's
// frames, then only the point rows of the instances kept, nearby rows sharing a read.
import type { AttrValue, DatasetInfo, Hdf5File } from '../hdf5/types.js';
import { CorruptFileError, InvalidInputError, UnsupportedError } from '../errors.js';
import { resolveNode, toNumber, toText } from '../nwb/values.js';
import { ASSUMED_FPS, missingTrack, type PoseData, type PoseTrack, type ReadPoseOptions } from './model.js';
import { individualNames, SLEAP_CONFIDENCE_THRESHOLD, SLEAP_REFERENCE_FRAME } from './sleap-common.js';
import { parseSleapSkeletons, SleapMetadataProblem, type SleapSkeleton } from './sleap-skeleton.js';
import { remapEdges, resolveWindow, rowBlocks, rowsPerRead, selectNames } from './window.js';

/** Prefix of the individuals given to untracked instances: `untracked_0` is the first untracked instance of a frame. */
export const SLEAP_UNTRACKED_PREFIX = 'untracked_';

/** Newest labels format_id major this reader knows (sleap-io writes up to 2.x; the point tables are unchanged). */
const NEWEST_FORMAT_MAJOR = 2;

/** Rows closer than this are read in one request rather than two. */
const ROW_GAP = 256;

/** Whether the file has SLEAP's labels layout: a `metadata` group beside `frames` and `instances` tables. */
export async function isSleapLabels(file: Hdf5File): Promise<boolean> {
  const [metadata, frames, instances] = await Promise.all(
    ['/metadata', '/frames', '/instances'].map((path) => resolveNode(file, path)),
  );
  return metadata?.kind === 'group' && frames?.kind === 'dataset' && instances?.kind === 'dataset';
}

/** One video of a labels file, as its `videos_json` entry describes it. */
export interface SleapVideo {
  /** The container name this reader gives it: `video0`, `video1`, ... in file order. */
  name: string;
  filename: string;
  /** The id frames use for it: its index, or N for a video embedded as `videoN/video` (sleap-io write_lfs). */
  id: number;
  fps?: number;
  frameCount?: number;
}

/** Read a SLEAP labels/predictions file into the common model, for one video, a window of frames and a selection. */
export async function readSleapLabels(file: Hdf5File, options: ReadPoseOptions = {}): Promise<PoseData> {
  const location = file.name;
  const { formatId, metadata } = await readMetadata(file);
  const skeleton = onlySkeleton(metadata, location);
  const videos = await readVideos(file, metadata);
  const video = chooseVideo(videos, options.container, location);
  const trackNames = await readTrackNames(file, metadata);

  const frames = (await frameIndex(file)).filter((f) => f.video === video.id);
  // The video's length when stored, grown to cover any labelled frame past it (so no label is silently cut off).
  const frameCount = frames.reduce((max, f) => Math.max(max, f.frameIdx + 1), video.frameCount ?? 0);
  const chosenKeypoints = selectNames(skeleton.nodes, options.keypoints, 'keypoint', location);
  const { start, end } = resolveWindow(options, frameCount, location);
  const n = end - start;

  const inWindow = frames.filter((f) => f.frameIdx >= start && f.frameIdx < end);
  const instances = await readInstances(file, inWindow, trackNames.length, location);
  const placed = placeInstances(inWindow, instances);
  const untrackedSlots = placed.reduce(
    (max, p) => (p.untrackedSlot === undefined ? max : Math.max(max, p.untrackedSlot + 1)),
    0,
  );
  const individuals = [
    ...individualNames(trackNames, trackNames.length),
    ...Array.from({ length: untrackedSlots }, (_, i) => `${SLEAP_UNTRACKED_PREFIX}${i}`),
  ];
  const chosenIndividuals = selectNames(individuals, options.individuals, 'individual', location);

  const tracks: PoseTrack[] = [];
  const trackOf = new Map<string, PoseTrack>();
  for (const i of chosenIndividuals) {
    for (const k of chosenKeypoints) {
      const track = missingTrack(individuals[i] as string, skeleton.nodes[k] as string, n);
      tracks.push(track);
      trackOf.set(`${i}/${k}`, track);
    }
  }
  const wanted = placed.filter((p) => chosenIndividuals.includes(individualIndex(p, trackNames.length)));
  await fillPoints(file, wanted, {
    nodeCount: skeleton.nodes.length,
    keypoints: chosenKeypoints,
    start,
    shiftUserPoints: formatId < 1.1,
    track: (p, k) => trackOf.get(`${individualIndex(p, trackNames.length)}/${k}`),
    location,
  });

  const fps = video.fps ?? options.fps ?? ASSUMED_FPS;
  return {
    source: 'sleap',
    formatVersion: `labels ${Number.isInteger(formatId) ? formatId.toFixed(1) : formatId}`,
    location,
    container: video.name,
    ...(videos.length > 1 ? { containers: videos.map((v) => v.name) } : {}),
    individuals: chosenIndividuals.map((i) => individuals[i] as string),
    keypoints: chosenKeypoints.map((k) => skeleton.nodes[k] as string),
    edges: remapEdges(skeleton.edges, chosenKeypoints),
    frameCount,
    start,
    end,
    time: Float64Array.from({ length: n }, (_, i) => (start + i) / fps),
    fps,
    fpsAssumed: video.fps === undefined && options.fps === undefined,
    dimensions: 2,
    unit: 'pixels',
    referenceFrame: SLEAP_REFERENCE_FRAME,
    confidenceThreshold: SLEAP_CONFIDENCE_THRESHOLD,
    tracks,
    staticObjects: [],
  };
}

async function readMetadata(file: Hdf5File): Promise<{ formatId: number; metadata: unknown }> {
  const location = file.name;
  const attrs = await file.attrs('/metadata');
  const text = toText(attrs.json);
  if (text === undefined)
    throw new CorruptFileError(`${location} has a SLEAP metadata group without its json attribute.`, location);
  let metadata: unknown;
  try {
    metadata = JSON.parse(text);
  } catch {
    throw new CorruptFileError(`${location} has a SLEAP metadata json attribute that is not JSON.`, location);
  }
  // Files without format_id predate it (SLEAP reads them as 1.0: gridline coordinates).
  const formatId = attrs.format_id === undefined ? 1.0 : toNumber(attrs.format_id);
  if (!Number.isFinite(formatId))
    throw new CorruptFileError(`${location} has a SLEAP format_id that is not a number.`, location);
  if (Math.floor(formatId) > NEWEST_FORMAT_MAJOR) {
    throw new UnsupportedError(
      `${location} is a SLEAP labels file of format ${formatId}; ` +
        `this version reads formats up to ${NEWEST_FORMAT_MAJOR}.x.`,
      location,
    );
  }
  return { formatId, metadata };
}

function onlySkeleton(metadata: unknown, location: string): SleapSkeleton {
  let skeletons: SleapSkeleton[];
  try {
    skeletons = parseSleapSkeletons(metadata);
  } catch (error) {
    if (!(error instanceof SleapMetadataProblem)) throw error;
    throw new CorruptFileError(`${location} has SLEAP metadata whose ${error.message}.`, location);
  }
  if (skeletons.length === 0)
    throw new CorruptFileError(`${location} is a SLEAP labels file without a skeleton.`, location);
  // Individuals x keypoints needs one node list; several skeletons would mix keypoints of different animals.
  if (skeletons.length > 1) {
    throw new UnsupportedError(
      `${location} holds ${skeletons.length} SLEAP skeletons (${skeletons.map((s) => s.name).join(', ')}); ` +
        'this version reads files with one.',
      location,
    );
  }
  return skeletons[0] as SleapSkeleton;
}

/** The videos of a labels file, from `videos_json` (or, in older files, the metadata JSON). */
export async function readVideos(file: Hdf5File, metadata: unknown): Promise<SleapVideo[]> {
  const entries = (await readJsonRows(file, '/videos_json')) ?? listIn(metadata, 'videos');
  return entries.map((entry, i) => {
    const video = entry && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
    const backend =
      video.backend && typeof video.backend === 'object' ? (video.backend as Record<string, unknown>) : {};
    const filename =
      typeof backend.filename === 'string'
        ? backend.filename
        : typeof video.filename === 'string'
          ? video.filename
          : '';
    const embedded = typeof backend.dataset === 'string' ? /^video(\d+)\/video$/.exec(backend.dataset) : null;
    const fps = typeof backend.fps === 'number' && backend.fps > 0 ? backend.fps : undefined;
    const shape = Array.isArray(backend.shape) ? backend.shape : undefined;
    const frames = isFrameIndex(shape?.[0]) && shape[0] > 0 ? shape[0] : undefined;
    return {
      name: `video${i}`,
      filename,
      id: embedded ? Number(embedded[1]) : i,
      ...(fps !== undefined ? { fps } : {}),
      ...(frames !== undefined ? { frameCount: frames } : {}),
    };
  });
}

function chooseVideo(videos: SleapVideo[], wanted: string | undefined, location: string): SleapVideo {
  if (videos.length === 0)
    throw new CorruptFileError(`${location} is a SLEAP labels file that lists no video.`, location);
  if (wanted === undefined) return videos[0] as SleapVideo;
  const found = videos.find(
    (v) =>
      v.name === wanted ||
      String(videos.indexOf(v)) === wanted ||
      v.filename === wanted ||
      baseName(v.filename) === wanted,
  );
  if (!found) {
    const list = videos.map((v) => `${v.name} (${v.filename})`).join(', ');
    throw new InvalidInputError(`${location} has no video "${wanted}"; it has ${list}.`, wanted);
  }
  return found;
}

async function readTrackNames(file: Hdf5File, metadata: unknown): Promise<string[]> {
  const rows = (await readJsonRows(file, '/tracks_json')) ?? listIn(metadata, 'tracks');
  return rows.map((row) => {
    // tracks_json rows are [spawned_on, name]; metadata tracks are {spawned_on, name}.
    const name = Array.isArray(row)
      ? row[1]
      : row && typeof row === 'object'
        ? (row as Record<string, unknown>).name
        : undefined;
    return typeof name === 'string' ? name : '';
  });
}

async function readJsonRows(file: Hdf5File, path: string): Promise<unknown[] | undefined> {
  if ((await resolveNode(file, path))?.kind !== 'dataset') return undefined;
  const { values } = await file.read(path);
  // An empty list is stored as an empty float64 dataset.
  return Array.from(values as ArrayLike<unknown>, (v) => {
    const text = typeof v === 'string' ? v : toText(v as AttrValue);
    try {
      return JSON.parse(text ?? '');
    } catch {
      throw new CorruptFileError(`${file.name} has a row of ${path} that is not JSON.`, file.name);
    }
  });
}

function listIn(metadata: unknown, key: string): unknown[] {
  const value = metadata && typeof metadata === 'object' ? (metadata as Record<string, unknown>)[key] : undefined;
  return Array.isArray(value) ? value : [];
}

/** A labelled frame: its video id, frame index and the rows of its instances. */
interface FrameRow {
  video: number;
  frameIdx: number;
  instanceStart: number;
  instanceEnd: number;
}

/** A compound table's rows with members looked up by name. */
class Rows {
  private readonly index: Map<string, number>;
  constructor(
    info: DatasetInfo,
    private readonly path: string,
    private readonly location: string,
  ) {
    this.index = new Map((info.members ?? []).map((m, i) => [m.name, i]));
  }
  has(name: string): boolean {
    return this.index.has(name);
  }
  /** The member `name` of a row as a number (NaN stays NaN). */
  get(row: AttrValue, name: string): number {
    const at = this.index.get(name);
    if (at === undefined)
      throw new CorruptFileError(`${this.location} has a ${this.path} table without ${name}.`, this.location);
    const value = Array.isArray(row)
      ? row[at]
      : row && typeof row === 'object'
        ? (row as unknown as Record<string, AttrValue>)[name]
        : undefined;
    return toNumber(value);
  }
}

// The frames table is the index every window starts from: read once per open file, not once per window.
const frameIndexes = new WeakMap<Hdf5File, Promise<FrameRow[]>>();

function frameIndex(file: Hdf5File): Promise<FrameRow[]> {
  let index = frameIndexes.get(file);
  if (!index) {
    index = readFrameIndex(file);
    frameIndexes.set(file, index);
    // A failed read is not kept: the next call tries again (a network error may pass).
    index.catch(() => frameIndexes.delete(file));
  }
  return index;
}

async function readFrameIndex(file: Hdf5File): Promise<FrameRow[]> {
  const info = await file.dataset('/frames');
  const rows = new Rows(info, 'frames', file.name);
  const count = info.shape?.[0] ?? 0;
  const out: FrameRow[] = [];
  for (const [lo, hi] of rowBlocks(0, count, rowsPerRead(info.itemSize))) {
    const { values } = await file.read('/frames', [[lo, hi]]);
    for (const row of values as AttrValue[]) {
      const frameIdx = rows.get(row, 'frame_idx');
      if (!isFrameIndex(frameIdx)) {
        throw new CorruptFileError(
          `${file.name} has a SLEAP frame at index ${frameIdx}, which no video has.`,
          file.name,
        );
      }
      out.push({
        video: rows.get(row, 'video'),
        frameIdx,
        instanceStart: rows.get(row, 'instance_id_start'),
        instanceEnd: rows.get(row, 'instance_id_end'),
      });
    }
  }
  return out;
}

/** One instance row of the window. */
interface InstanceRow {
  row: number;
  frameIdx: number;
  predicted: boolean;
  track: number;
  fromPredicted: number;
  pointStart: number;
  pointEnd: number;
}

async function readInstances(
  file: Hdf5File,
  frames: FrameRow[],
  trackCount: number,
  location: string,
): Promise<InstanceRow[]> {
  const info = await file.dataset('/instances');
  const rows = new Rows(info, 'instances', location);
  const total = info.shape?.[0] ?? 0;
  for (const f of frames) {
    if (!(f.instanceStart >= 0 && f.instanceEnd >= f.instanceStart && f.instanceEnd <= total)) {
      throw new CorruptFileError(
        `${location} has a SLEAP frame whose instance rows lie outside the instances table.`,
        location,
      );
    }
  }
  const out: InstanceRow[] = [];
  const reads = groupRanges(frames, (f) => [f.instanceStart, f.instanceEnd], rowsPerRead(info.itemSize));
  for (const { lo, hi, items } of reads) {
    const { values } = await file.read('/instances', [[lo, hi]]);
    for (const f of items) {
      for (let r = f.instanceStart; r < f.instanceEnd; r++) {
        const row = (values as AttrValue[])[r - lo] as AttrValue;
        const type = rows.get(row, 'instance_type');
        if (type !== 0 && type !== 1) {
          throw new UnsupportedError(
            `${location} has a SLEAP instance of type ${type}; this version reads user (0) and predicted (1) ones.`,
            location,
          );
        }
        const track = rows.get(row, 'track');
        if (!(track >= -1 && track < trackCount)) {
          throw new CorruptFileError(
            `${location} has a SLEAP instance (row ${r}) on track ${track}, which the file does not list.`,
            location,
          );
        }
        out.push({
          row: r,
          frameIdx: f.frameIdx,
          predicted: type === 1,
          track,
          fromPredicted: rows.get(row, 'from_predicted'),
          pointStart: rows.get(row, 'point_id_start'),
          pointEnd: rows.get(row, 'point_id_end'),
        });
      }
    }
  }
  return out;
}

/** An instance given its place in the model: a track, or an untracked slot of its frame. */
interface PlacedInstance extends InstanceRow {
  untrackedSlot?: number;
}

/**
 * Which instance stands for which individual in each frame. A track is one individual; where a frame holds a user
 * instance and a prediction of the same track, the user's wins, as in SLEAP's analysis export (write_tracking_h5.py
 * "Prefer user-labeled instances over predicted instances"; with several of one kind the last is kept, as there).
 * Untracked instances each get a slot, `untracked_0`, `untracked_1`, ... in their frame's stored order, after the
 * predictions that a user instance of the frame was made from are dropped. A slot is not an identity: slot 0 in two
 * frames may be two animals. (SLEAP's own export puts every untracked instance in one column and keeps the last.)
 */
export function placeInstances<T extends InstanceRowLike>(
  frames: readonly FrameRowLike[],
  instances: readonly T[],
): (T & { untrackedSlot?: number })[] {
  const byFrame = new Map<number, T[]>();
  for (const inst of instances) {
    const list = byFrame.get(inst.frameIdx) ?? [];
    list.push(inst);
    byFrame.set(inst.frameIdx, list);
  }
  const placed: (T & { untrackedSlot?: number })[] = [];
  for (const frameIdx of new Set(frames.map((f) => f.frameIdx))) {
    const list = byFrame.get(frameIdx) ?? [];
    const replaced = new Set(list.filter((i) => !i.predicted && i.fromPredicted >= 0).map((i) => i.fromPredicted));
    const byTrack = new Map<number, T>();
    let slot = 0;
    for (const inst of list) {
      if (inst.track >= 0) {
        const held = byTrack.get(inst.track);
        if (!held || held.predicted || !inst.predicted) byTrack.set(inst.track, inst);
      } else if (!replaced.has(inst.row)) {
        placed.push({ ...inst, untrackedSlot: slot++ });
      }
    }
    placed.push(...byTrack.values());
  }
  return placed;
}

/** The fields {@link placeInstances} needs of a frame. */
export interface FrameRowLike {
  frameIdx: number;
}

/** The fields {@link placeInstances} needs of an instance. */
export interface InstanceRowLike {
  row: number;
  frameIdx: number;
  predicted: boolean;
  track: number;
  fromPredicted: number;
}

function individualIndex(p: PlacedInstance, trackCount: number): number {
  return p.untrackedSlot === undefined ? p.track : trackCount + p.untrackedSlot;
}

interface FillContext {
  nodeCount: number;
  keypoints: number[];
  start: number;
  shiftUserPoints: boolean;
  track(p: PlacedInstance, keypoint: number): PoseTrack | undefined;
  location: string;
}

async function fillPoints(file: Hdf5File, placed: PlacedInstance[], context: FillContext): Promise<void> {
  for (const predicted of [false, true]) {
    const path = predicted ? '/pred_points' : '/points';
    const mine = placed.filter((p) => p.predicted === predicted);
    if (mine.length === 0) continue;
    const info = await file.dataset(path);
    const rows = new Rows(info, path.slice(1), context.location);
    const total = info.shape?.[0] ?? 0;
    for (const p of mine) {
      if (p.pointEnd - p.pointStart !== context.nodeCount || p.pointStart < 0 || p.pointEnd > total) {
        throw new CorruptFileError(
          `${context.location} has a SLEAP instance (row ${p.row}) ` +
            `whose points are not one per skeleton node inside ${path}.`,
          context.location,
        );
      }
    }
    const shift = !predicted && context.shiftUserPoints ? -0.5 : 0;
    for (const { lo, hi, items } of groupRanges(mine, (p) => [p.pointStart, p.pointEnd], rowsPerRead(info.itemSize))) {
      const { values } = await file.read(path, [[lo, hi]]);
      const points = values as AttrValue[];
      for (const p of items) {
        const f = p.frameIdx - context.start;
        for (const k of context.keypoints) {
          const track = context.track(p, k);
          if (!track) continue;
          const point = points[p.pointStart - lo + k] as AttrValue;
          if (rows.get(point, 'visible') === 0) continue;
          track.x[f] = rows.get(point, 'x') + shift;
          track.y[f] = rows.get(point, 'y') + shift;
          track.confidence[f] = predicted ? rows.get(point, 'score') : Number.NaN;
        }
      }
    }
  }
}

/**
 * Reads that cover the items' [start, end) row ranges: ranges closer than `gap` rows share a read, and a read grows to
 * at most `maxRows` rows unless one item alone is longer (an item is never split across reads).
 */
export function groupRanges<T>(
  items: readonly T[],
  range: (item: T) => readonly [number, number],
  maxRows: number,
  gap = ROW_GAP,
): { lo: number; hi: number; items: T[] }[] {
  const sorted = items.filter((item) => range(item)[1] > range(item)[0]).sort((a, b) => range(a)[0] - range(b)[0]);
  const out: { lo: number; hi: number; items: T[] }[] = [];
  for (const item of sorted) {
    const [lo, hi] = range(item);
    const last = out[out.length - 1];
    if (last && lo <= last.hi + gap && Math.max(last.hi, hi) - last.lo <= maxRows) {
      last.hi = Math.max(last.hi, hi);
      last.items.push(item);
    } else {
      out.push({ lo, hi, items: [item] });
    }
  }
  return out;
}

// Frame indices are whole numbers below 2^31 (over two years at 30 fps): anything else is damage, and would otherwise
// size the arrays of a default window.
function isFrameIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 2 ** 31;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
