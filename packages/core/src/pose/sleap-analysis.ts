// SLEAP analysis exports (`*.analysis.h5`): dense arrays written by SLEAP's "Export Analysis HDF5"
// (talmolab/sleap sleap/info/write_tracking_h5.py) or by sleap-io (talmolab/sleap-io sleap_io/io/analysis_h5.py).
// Datasets read: `tracks` (positions, NaN where a track has no instance), `point_scores` (NaN for user-labelled
// instances), `node_names` (absent from the oldest exports), `track_names` (empty when the project had no tracks:
// SLEAP then writes one track column, `len(labels.tracks) or 1`), `edge_names`/`edge_inds` (SLEAP >= 1.2).
// Axis order: see sleap-axes.ts.
// `instance_scores`, `tracking_scores` and `track_occupancy` only serve to check the layout: the pose model keeps
// per-point confidence, and NaN positions already mark frames a track is absent from.
// The file does not store the frame rate, nor the first frame when exported without --all-frames.
import type { Hdf5File } from '../hdf5/types.js';
import { AmbiguousLayoutError, CorruptFileError } from '../errors.js';
import { resolveNode, toText } from '../nwb/values.js';
import { ASSUMED_FPS, missingTrack, type PoseData, type PoseTrack, type ReadPoseOptions } from './model.js';
import {
  flatIndex,
  parseDims,
  resolveSleapAxes,
  SleapAxesProblem,
  type SleapAnalysisAxes,
  type SleapAxis,
} from './sleap-axes.js';
import { defaultNodeName, individualNames, SLEAP_CONFIDENCE_THRESHOLD, SLEAP_REFERENCE_FRAME } from './sleap-common.js';
import { remapEdges, resolveWindow, rowBlocks, rowsPerRead, selectNames } from './window.js';

/** Whether the file is a SLEAP analysis export: `tracks` beside `track_occupancy`, the test SLEAP and sleap-io use. */
export async function isSleapAnalysis(file: Hdf5File): Promise<boolean> {
  const [tracks, occupancy] = await Promise.all([resolveNode(file, '/tracks'), resolveNode(file, '/track_occupancy')]);
  return tracks?.kind === 'dataset' && occupancy?.kind === 'dataset';
}

/** Read a SLEAP analysis HDF5 file into the common model, for a window of frames and a selection. */
export async function readSleapAnalysis(file: Hdf5File, options: ReadPoseOptions = {}): Promise<PoseData> {
  const location = file.name;
  const storedNodeNames = await readNames(file, '/node_names');
  const trackNames = (await readNames(file, '/track_names')) ?? [];
  const axes = await analysisAxes(file, storedNodeNames?.length, trackNames.length);
  const tracksInfo = await file.dataset('/tracks');
  const shape = tracksInfo.shape ?? [];
  const size = (axis: SleapAxis) => shape[axes.tracks.indexOf(axis)] as number;
  const frameCount = size('frame');
  const trackCount = size('track');
  // The oldest exports have no node_names: SLEAP's analysis reader then names nodes "node 0", "node 1", ...
  const nodeNames = storedNodeNames ?? Array.from({ length: size('node') }, (_, i) => defaultNodeName(i));
  // sleap-io writes "" for the one column of an untracked export; SLEAP writes no names at all.
  const individuals = individualNames(trackNames, trackCount);

  const chosenIndividuals = selectNames(individuals, options.individuals, 'individual', location);
  const chosenKeypoints = selectNames(nodeNames, options.keypoints, 'keypoint', location);
  const { start, end } = resolveWindow(options, frameCount, location);
  const n = end - start;

  const tracks: PoseTrack[] = [];
  for (const i of chosenIndividuals) {
    for (const k of chosenKeypoints) tracks.push(missingTrack(individuals[i] as string, nodeNames[k] as string, n));
  }
  const hasScores = (await resolveNode(file, '/point_scores'))?.kind === 'dataset';
  // Blocks of frames of at most BYTES_PER_READ each (a long export is tracks x nodes x 2 doubles a frame).
  const frameBytes = 8 * 2 * trackCount * nodeNames.length;
  for (const [lo, hi] of rowBlocks(start, end, rowsPerRead(frameBytes))) {
    const positions = await readWindow(file, '/tracks', axes.tracks, lo, hi);
    const scores = hasScores ? await readWindow(file, '/point_scores', axes.pointScores, lo, hi) : undefined;
    let t = 0;
    for (const i of chosenIndividuals) {
      for (const k of chosenKeypoints) {
        const track = tracks[t++] as PoseTrack;
        for (let f = 0; f < hi - lo; f++) {
          const out = lo - start + f;
          const at = { frame: f, track: i, node: k };
          track.x[out] = positions.values[flatIndex(axes.tracks, positions.shape, { ...at, xy: 0 })] as number;
          track.y[out] = positions.values[flatIndex(axes.tracks, positions.shape, { ...at, xy: 1 })] as number;
          if (scores) track.confidence[out] = scores.values[flatIndex(axes.pointScores, scores.shape, at)] as number;
        }
      }
    }
  }

  const fps = options.fps ?? ASSUMED_FPS;
  const time = Float64Array.from({ length: n }, (_, i) => (start + i) / fps);
  return {
    source: 'sleap',
    formatVersion: `analysis (${axes.tracks.join(', ')})`,
    location,
    container: '/tracks',
    individuals: chosenIndividuals.map((i) => individuals[i] as string),
    keypoints: chosenKeypoints.map((k) => nodeNames[k] as string),
    edges: remapEdges(await readEdges(file, nodeNames), chosenKeypoints),
    frameCount,
    start,
    end,
    time,
    fps,
    fpsAssumed: options.fps === undefined,
    dimensions: 2,
    unit: 'pixels',
    referenceFrame: SLEAP_REFERENCE_FRAME,
    confidenceThreshold: SLEAP_CONFIDENCE_THRESHOLD,
    tracks,
    staticObjects: [],
  };
}

/** The axis order of the file's arrays: from their `dims`, the file's `preset`/`transpose` attribute, or shapes. */
export async function analysisAxes(
  file: Hdf5File,
  nodeCount: number | undefined,
  trackNameCount: number,
): Promise<SleapAnalysisAxes> {
  const shapeOf = async (path: string) =>
    (await resolveNode(file, path))?.kind === 'dataset' ? ((await file.dataset(path)).shape ?? undefined) : undefined;
  const dimsOf = async (path: string, rank: number) =>
    (await resolveNode(file, path))?.kind === 'dataset' ? parseDims((await file.attrs(path)).dims, rank) : undefined;
  const rootAttrs = await file.attrs('/');
  try {
    return resolveSleapAxes(
      {
        tracks: (await shapeOf('/tracks')) ?? [],
        pointScores: await shapeOf('/point_scores'),
        instanceScores: await shapeOf('/instance_scores'),
        trackingScores: await shapeOf('/tracking_scores'),
        nodeCount,
        trackNameCount,
      },
      {
        tracks: await dimsOf('/tracks', 4),
        pointScores: await dimsOf('/point_scores', 3),
        scores: await dimsOf('/instance_scores', 2),
      },
      fileOrderAttribute(rootAttrs),
    );
  } catch (error) {
    if (!(error instanceof SleapAxesProblem)) throw error;
    const sentence = `${file.name} is a SLEAP analysis file that ${error.message}.`;
    throw error.kind === 'ambiguous'
      ? new AmbiguousLayoutError(`${sentence} Re-export it with sleap-io (which records dims) to read it.`, file.name)
      : new CorruptFileError(sentence, file.name);
  }
}

// The order named by file attributes: sleap-io's `preset` ("custom" needs `dims`), else a `transpose` flag (sleap-io's
// reader honours one, default true).
function fileOrderAttribute(attrs: Record<string, unknown>): string | undefined {
  const preset = typeof attrs.preset === 'string' ? attrs.preset : undefined;
  if (preset === 'matlab' || preset === 'standard') return preset;
  const transpose = attrs.transpose;
  if (transpose === undefined || transpose === null) return undefined;
  const flag = typeof transpose === 'boolean' ? transpose : Number(transpose) !== 0;
  return flag ? 'matlab' : 'transpose=False';
}

async function readWindow(file: Hdf5File, path: string, order: readonly SleapAxis[], start: number, end: number) {
  const { values, shape } = await file.read(
    path,
    order.map((axis) => (axis === 'frame' ? [start, end] : null)),
  );
  return { values: values as ArrayLike<number>, shape };
}

async function readNames(file: Hdf5File, path: string): Promise<string[] | undefined> {
  if ((await resolveNode(file, path))?.kind !== 'dataset') return undefined;
  const { values } = await file.read(path);
  // An empty track_names is stored as an empty float64 array (h5py writes [] so).
  return Array.from(values as ArrayLike<unknown>, (v) => (typeof v === 'string' ? v : (toText(v as never) ?? '')));
}

// Edges by name (edge_names, (E, 2) strings), else by index (edge_inds, (E, 2)); absent in SLEAP < 1.2 exports.
async function readEdges(file: Hdf5File, nodeNames: string[]): Promise<[number, number][]> {
  for (const path of ['/edge_names', '/edge_inds']) {
    if ((await resolveNode(file, path))?.kind !== 'dataset') continue;
    const { values, shape } = await file.read(path);
    if (shape.length !== 2 || shape[1] !== 2) continue;
    const ends = Array.from(values as ArrayLike<unknown>, (v) =>
      typeof v === 'string' ? nodeNames.indexOf(v) : Number(v),
    );
    const edges: [number, number][] = [];
    for (let e = 0; e + 1 < ends.length; e += 2) {
      const a = ends[e] as number;
      const b = ends[e + 1] as number;
      if (!(a >= 0 && a < nodeNames.length && b >= 0 && b < nodeNames.length)) {
        throw new CorruptFileError(
          `${file.name} has a skeleton edge in ${path} that names no node of node_names.`,
          file.name,
        );
      }
      edges.push([a, b]);
    }
    return edges;
  }
  return [];
}
