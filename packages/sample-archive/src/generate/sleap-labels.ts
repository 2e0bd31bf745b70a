// Synthetic SLEAP predictions files (`*.predictions.slp`) laid out as SLEAP's LabelsV1Adaptor writes them (format_id
// 1.2; talmolab/sleap sleap/io/format/hdf5.py, write; talmolab/sleap-io sleap_io/io/slp.py, write_lfs and
// write_videos): a `metadata` group with `format_id` and the `json` attribute (skeleton as a networkx node-link graph
// over the global `nodes` list, sleap_io/io/skeleton.py SkeletonSLPEncoder), `videos_json` and `tracks_json` (one
// fixed-length JSON string per video / track), and the compound tables `frames`, `instances`, `points` and
// `pred_points`, linked by row ranges. Real files are the shape the corpus's minimal_instance.slp has.
// One difference, forced by h5wasm 0.10.3 (no enum types inside compounds): `visible` and `complete` are uint8 0/1
// where SLEAP's are numpy bools (an HDF5 enum over int8); the bytes per point are the same.
import type { Group } from 'h5wasm';
import { attrFloat64, writeHdf5Bytes } from './hdf5-writer.js';
import { Prng } from './prng.js';
import type { GeneratedFile, PoseTruth } from './types.js';

/** Node names of the generated skeleton, in skeleton order. */
export const SLEAP_SAMPLE_NODES = ['nose', 'ear_left', 'ear_right', 'neck', 'tail_base', 'tail_tip'] as const;
/** Body edges of the generated skeleton, as node index pairs. */
export const SLEAP_SAMPLE_EDGES: readonly (readonly [number, number])[] = [
  [0, 3],
  [1, 3],
  [2, 3],
  [3, 4],
  [4, 5],
];

/** What to generate. */
export interface SleapPredictionsParams {
  seed: number;
  frames: number;
  /** Tracked animals (tracks `track_0`, `track_1`, ...). */
  animals: number;
  /** Video rate written in `videos_json` (SLEAP's MediaVideo backend stores it); default 30. */
  fps?: number;
  /** Video file name in `videos_json`. */
  videoFilename?: string;
}

// Offsets of each node from the body centre, in body coordinates (x forward), pixels.
const BODY: readonly (readonly [number, number])[] = [
  [24, 0],
  [14, -7],
  [14, 7],
  [10, 0],
  [-16, 0],
  [-40, 0],
];
/** Video file name written in `videos_json` when none is given. */
export const SLEAP_SAMPLE_VIDEO = 'synthetic_open_field.mp4';
/** The labels' `provenance` (SLEAP records where predictions came from there). */
export const SLEAP_SAMPLE_PROVENANCE: Readonly<Record<string, string>> = {
  note: 'synthetic (EMBER sample archive generator; no model was run)',
};
const WIDTH = 640;
const HEIGHT = 480;

/** Generate a synthetic SLEAP predictions file and the trajectories it holds (NaN where a point or animal is lost). */
export async function generateSleapPredictions(params: SleapPredictionsParams): Promise<GeneratedFile> {
  const K = SLEAP_SAMPLE_NODES.length;
  const truth = sleapPredictionsTruth(params);
  const { frames, fps } = truth;
  const animals = truth.individuals.length;

  const frameRows: number[][] = [];
  const instanceRows: number[][] = [];
  const pointRows: number[][] = [];
  for (let f = 0; f < frames; f++) {
    const first = instanceRows.length;
    for (let a = 0; a < animals; a++) {
      const xs = truth.x[a] ?? [];
      const ys = truth.y[a] ?? [];
      const cs = truth.confidence[a] ?? [];
      if (!isDetected(truth, a, f)) continue;
      const start = pointRows.length;
      for (let k = 0; k < K; k++) {
        const x = xs[k]?.[f] ?? Number.NaN;
        pointRows.push([x, ys[k]?.[f] ?? Number.NaN, Number.isNaN(x) ? 0 : 1, 0, storedPointScore(cs[k]?.[f])]);
      }
      // instance_id, instance_type (1: predicted), frame_id, skeleton, track, from_predicted, score, point range,
      // tracking_score
      instanceRows.push([
        instanceRows.length,
        1,
        f,
        0,
        a,
        -1,
        instanceScore(truth, a, f),
        start,
        pointRows.length,
        SLEAP_SAMPLE_TRACKING_SCORE,
      ]);
    }
    frameRows.push([f, 0, f, first, instanceRows.length]);
  }

  const metadata = {
    version: '2.0.0',
    skeletons: [skeletonJson()],
    nodes: SLEAP_SAMPLE_NODES.map((name) => ({ name, weight: 1.0 })),
    videos: [],
    tracks: [],
    suggestions: [],
    negative_anchors: {},
    provenance: SLEAP_SAMPLE_PROVENANCE,
  };
  const video = {
    backend: {
      type: 'MediaVideo',
      shape: [frames, HEIGHT, WIDTH, 1],
      filename: params.videoFilename ?? SLEAP_SAMPLE_VIDEO,
      grayscale: true,
      bgr: true,
      dataset: '',
      input_format: '',
      fps,
    },
  };
  const tracks = truth.individuals.map((name) => [0, name]);

  const bytes = await writeHdf5Bytes((file) => {
    const group = file.create_group('metadata');
    attrFloat64(group, 'format_id', 1.2);
    const json = JSON.stringify(metadata);
    group.create_attribute('json', json, null, `A${json.length + 1}`);
    fixedStrings(file, 'videos_json', [JSON.stringify(video)]);
    fixedStrings(
      file,
      'tracks_json',
      tracks.map((t) => JSON.stringify(t)),
    );
    compound(file, 'frames', frameRows, [
      ['frame_id', '<Q'],
      ['video', '<I'],
      ['frame_idx', '<Q'],
      ['instance_id_start', '<Q'],
      ['instance_id_end', '<Q'],
    ]);
    compound(file, 'instances', instanceRows, [
      ['instance_id', '<q'],
      ['instance_type', '<B'],
      ['frame_id', '<Q'],
      ['skeleton', '<I'],
      ['track', '<i'],
      ['from_predicted', '<q'],
      ['score', '<f'],
      ['point_id_start', '<Q'],
      ['point_id_end', '<Q'],
      ['tracking_score', '<f'],
    ]);
    compound(
      file,
      'points',
      [],
      [
        ['x', '<d'],
        ['y', '<d'],
        ['visible', '<B'],
        ['complete', '<B'],
      ],
    );
    compound(file, 'pred_points', pointRows, [
      ['x', '<d'],
      ['y', '<d'],
      ['visible', '<B'],
      ['complete', '<B'],
      ['score', '<d'],
    ]);
  });
  return { bytes, truth };
}

/** The tracking score of every generated instance (one value: the generator runs no tracker). */
export const SLEAP_SAMPLE_TRACKING_SCORE = 0.9;

/** Whether animal `a` was detected in frame `f`: an animal with no point in a frame has no instance at all. */
export function isDetected(truth: PoseTruth, a: number, f: number): boolean {
  return (truth.x[a] ?? []).some((x) => !Number.isNaN(x[f] ?? Number.NaN));
}

/** The score a `pred_points` row stores for a point: its confidence, 0 for a point that dropped out (NaN). */
export function storedPointScore(confidence: number | undefined): number {
  return confidence === undefined || Number.isNaN(confidence) ? 0 : confidence;
}

/** The instance score stored for animal `a` in frame `f`: the mean stored point score (float64, before float32). */
export function instanceScore(truth: PoseTruth, a: number, f: number): number {
  const scores = truth.confidence[a] ?? [];
  let sum = 0;
  for (let k = 0; k < SLEAP_SAMPLE_NODES.length; k++) sum += storedPointScore(scores[k]?.[f]);
  return sum / SLEAP_SAMPLE_NODES.length;
}

/**
 * The trajectories a predictions file of these parameters holds (NaN where a point or animal is lost); the same
 * parameters give the same truth, so the analysis export of a predictions file can be generated beside it.
 */
export function sleapPredictionsTruth(params: SleapPredictionsParams): PoseTruth {
  const { seed, frames, animals } = params;
  if (!Number.isInteger(frames) || frames < 1)
    throw new RangeError(`frames must be a positive integer, not ${frames}.`);
  if (!Number.isInteger(animals) || animals < 1)
    throw new RangeError(`animals must be a positive integer, not ${animals}.`);
  const fps = params.fps ?? 30;
  const K = SLEAP_SAMPLE_NODES.length;
  const rng = new Prng(seed, 'sleap-predictions');
  const x: Float64Array[][] = [];
  const y: Float64Array[][] = [];
  const confidence: Float64Array[][] = [];
  for (let a = 0; a < animals; a++) {
    const xs = Array.from({ length: K }, () => new Float64Array(frames).fill(Number.NaN));
    const ys = Array.from({ length: K }, () => new Float64Array(frames).fill(Number.NaN));
    const cs = Array.from({ length: K }, () => new Float64Array(frames).fill(Number.NaN));
    let cx = rng.uniform(100, WIDTH - 100);
    let cy = rng.uniform(100, HEIGHT - 100);
    let heading = rng.uniform(-Math.PI, Math.PI);
    for (let f = 0; f < frames; f++) {
      heading += rng.normal(0, 0.15);
      const speed = Math.max(0, rng.normal(2, 1.5));
      cx = Math.min(WIDTH - 50, Math.max(50, cx + speed * Math.cos(heading)));
      cy = Math.min(HEIGHT - 50, Math.max(50, cy + speed * Math.sin(heading)));
      // About one frame in fifty the animal is not detected at all; single points drop out more often.
      if (rng.chance(0.02)) continue;
      for (let k = 0; k < K; k++) {
        if (rng.chance(0.04)) continue;
        const [bx, by] = BODY[k] as [number, number];
        const xk = xs[k] as Float64Array;
        const yk = ys[k] as Float64Array;
        const ck = cs[k] as Float64Array;
        xk[f] = cx + bx * Math.cos(heading) - by * Math.sin(heading) + rng.normal(0, 0.5);
        yk[f] = cy + bx * Math.sin(heading) + by * Math.cos(heading) + rng.normal(0, 0.5);
        ck[f] = rng.uniform(0.35, 1.0);
      }
    }
    x.push(xs);
    y.push(ys);
    confidence.push(cs);
  }
  return {
    keypoints: SLEAP_SAMPLE_NODES,
    individuals: Array.from({ length: animals }, (_, a) => `track_${a}`),
    frames,
    fps,
    time: Float64Array.from({ length: frames }, (_, f) => f / fps),
    x,
    y,
    confidence,
    unit: 'pixels',
    edges: SLEAP_SAMPLE_EDGES,
  };
}

// The skeleton as SLEAP serialises it: node ids index the global node list; the first body edge defines the EdgeType
// with a py/reduce, later ones refer back to it with py/id 1 (sleap_io/io/skeleton.py SkeletonSLPEncoder).
function skeletonJson(): unknown {
  return {
    directed: true,
    graph: { name: 'Skeleton-0', num_edges_inserted: SLEAP_SAMPLE_EDGES.length },
    links: SLEAP_SAMPLE_EDGES.map(([source, target], i) => ({
      edge_insert_idx: i,
      key: 0,
      source,
      target,
      type: i === 0 ? { 'py/reduce': [{ 'py/type': 'sleap.skeleton.EdgeType' }, { 'py/tuple': [1] }] } : { 'py/id': 1 },
    })),
    multigraph: true,
    nodes: SLEAP_SAMPLE_NODES.map((_, id) => ({ id })),
  };
}

// A 1-D dataset of fixed-length strings, as h5py writes a list of np.bytes_ (resizable, as SLEAP asks: maxshape None).
function fixedStrings(group: Group, name: string, values: string[]): void {
  const size = Math.max(1, ...values.map((v) => v.length + 1));
  group.create_dataset({
    name,
    data: values,
    shape: [values.length],
    maxshape: [null],
    chunks: [Math.max(1, values.length)],
    dtype: `A${size}`,
  });
}

// A resizable compound table from rows of numbers, one column per member.
function compound(group: Group, name: string, rows: number[][], members: [string, string][]): void {
  const columns = new Map<string, ArrayLike<number> | bigint[]>();
  members.forEach(([member, dtype], m) => {
    const values = rows.map((row) => row[m] as number);
    columns.set(member, column(dtype, values));
  });
  group.create_dataset({
    name,
    data: columns as Map<string, never>,
    shape: [rows.length],
    maxshape: [null],
    chunks: [Math.max(1, Math.min(rows.length, 4096))],
    dtype: members,
  });
}

function column(dtype: string, values: number[]): ArrayLike<number> | bigint[] {
  switch (dtype) {
    case '<d':
      return Float64Array.from(values);
    case '<f':
      return Float32Array.from(values);
    case '<B':
      return Uint8Array.from(values);
    case '<I':
      return Uint32Array.from(values);
    case '<i':
      return Int32Array.from(values);
    case '<Q':
      return BigUint64Array.from(values.map((v) => BigInt(v))) as unknown as bigint[];
    case '<q':
      return BigInt64Array.from(values.map((v) => BigInt(v))) as unknown as bigint[];
    default:
      throw new RangeError(`no column type for ${dtype}`);
  }
}
