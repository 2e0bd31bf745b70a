// Which axis of a SLEAP analysis array is which. SLEAP builds the arrays frame-first in memory (tracks
// (frames, nodes, 2, tracks), point_scores (frames, nodes, tracks), instance/tracking scores (frames, tracks),
// occupancy (tracks, frames)) and `write_occupancy_file(..., transpose=True)` writes each one transposed for MATLAB,
// so files from SLEAP hold tracks (tracks, 2, nodes, frames) and occupancy (frames, tracks); with transpose=False they
// hold the in-memory order (talmolab/sleap sleap/info/write_tracking_h5.py, get_occupancy_and_points_matrices and
// write_occupancy_file). sleap-io's writer adds a `dims` attribute (JSON list of axis names) to every array and a
// `preset` file attribute ("matlab", "standard" or "custom"); its reader trusts `dims`, then the file attribute
// `transpose`, else assumes the MATLAB order (talmolab/sleap-io sleap_io/io/analysis_h5.py, PRESETS and read_labels).
// Here the order comes from `dims` when present; otherwise every order SLEAP writes is tried against the shapes, and
// a file whose shapes fit more than one is refused rather than guessed.

/** An axis of a SLEAP analysis array, named as sleap-io's `dims` attribute names them. */
export type SleapAxis = 'frame' | 'track' | 'node' | 'xy';

/** Axis names, in stored order, of the arrays a pose read needs. */
export interface SleapAnalysisAxes {
  /** How the order was found: the arrays' `dims` attributes, the file's `transpose`/`preset` attribute, or shapes. */
  from: 'dims' | 'attribute' | 'shapes';
  /** Name of the order: "matlab" (SLEAP's default), "transpose=False", "standard", or "custom". */
  name: string;
  tracks: SleapAxis[];
  pointScores: SleapAxis[];
  /** instance_scores and tracking_scores share this order. */
  scores: SleapAxis[];
}

/** What is known about the file before choosing an order. */
export interface SleapAnalysisShapes {
  tracks: number[];
  pointScores?: number[];
  instanceScores?: number[];
  trackingScores?: number[];
  /** Length of `node_names`; undefined when the file has none (the oldest SLEAP exports). */
  nodeCount?: number;
  /** Length of `track_names` (0 when the file names none). */
  trackNameCount: number;
}

/** The orders SLEAP and sleap-io write, as [tracks, point_scores, scores] axis names. */
export const SLEAP_ANALYSIS_ORDERS: Record<string, [SleapAxis[], SleapAxis[], SleapAxis[]]> = {
  // SLEAP's write_tracking_h5.main always passes transpose=True; sleap-io's preset "matlab" is the same order.
  matlab: [
    ['track', 'xy', 'node', 'frame'],
    ['track', 'node', 'frame'],
    ['track', 'frame'],
  ],
  // write_occupancy_file(transpose=False): the in-memory order (sleap-io's reader: the legacy untransposed case).
  'transpose=False': [
    ['frame', 'node', 'xy', 'track'],
    ['frame', 'node', 'track'],
    ['frame', 'track'],
  ],
  // sleap-io preset "standard" (always written with `dims`; listed so a `preset` attribute alone can name it).
  standard: [
    ['frame', 'track', 'node', 'xy'],
    ['frame', 'track', 'node'],
    ['frame', 'track'],
  ],
};

/** Orders tried when the file names none: the two SLEAP itself can write. */
const INFERRED_ORDERS = ['matlab', 'transpose=False'] as const;

/** Thrown by {@link resolveSleapAxes}; the reader turns it into a typed error naming the file. */
export class SleapAxesProblem extends Error {
  constructor(
    message: string,
    readonly kind: 'ambiguous' | 'mismatch',
  ) {
    super(message);
  }
}

/** Parse a `dims` attribute (JSON list of axis names); undefined when absent or not such a list. */
export function parseDims(value: unknown, rank: number): SleapAxis[] | undefined {
  if (typeof value !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  const names: readonly string[] = ['frame', 'track', 'node', 'xy'];
  if (!Array.isArray(parsed) || parsed.length !== rank) return undefined;
  if (!parsed.every((d) => typeof d === 'string' && names.includes(d))) return undefined;
  if (new Set(parsed).size !== parsed.length) return undefined;
  return parsed as SleapAxis[];
}

/**
 * Decide the axis order of the tracks, point_scores and scores arrays. `dims` are the arrays' own `dims` attributes
 * (undefined where absent); `fileOrder` is the order the file's attributes name (`preset`, or `transpose`).
 */
export function resolveSleapAxes(
  shapes: SleapAnalysisShapes,
  dims: { tracks?: SleapAxis[]; pointScores?: SleapAxis[]; scores?: SleapAxis[] },
  fileOrder?: string,
): SleapAnalysisAxes {
  if (dims.tracks) {
    const tracks = dims.tracks;
    const axes: SleapAnalysisAxes = {
      from: 'dims',
      name: 'custom',
      tracks,
      // An array without its own `dims` keeps the relative order of the tracks array (sleap-io derives them so).
      pointScores: dims.pointScores ?? tracks.filter((d) => d !== 'xy'),
      scores: dims.scores ?? tracks.filter((d) => d === 'frame' || d === 'track'),
    };
    checkFits(axes, shapes, true);
    return axes;
  }
  if (fileOrder !== undefined) {
    const order = SLEAP_ANALYSIS_ORDERS[fileOrder];
    if (!order) throw new SleapAxesProblem(`names an axis order "${fileOrder}" that SLEAP does not write`, 'mismatch');
    const axes = orderAxes(fileOrder, 'attribute');
    checkFits(axes, shapes, true);
    return axes;
  }
  const fitting = INFERRED_ORDERS.map((name) => orderAxes(name, 'shapes')).filter((axes) => fits(axes, shapes));
  if (fitting.length === 1) return fitting[0] as SleapAnalysisAxes;
  const tracks = JSON.stringify(shapes.tracks);
  const nodes = shapes.nodeCount === undefined ? 'no node names' : `${shapes.nodeCount} nodes`;
  const shape = `tracks ${tracks} with ${nodes} and ${shapes.trackNameCount} track names`;
  if (fitting.length === 0) {
    throw new SleapAxesProblem(`has ${shape}, which fits no axis order SLEAP writes`, 'mismatch');
  }
  throw new SleapAxesProblem(
    `has ${shape}, which fits both SLEAP axis orders (${fitting.map((a) => a.name).join(' and ')}), ` +
      'and no dims attribute says which',
    'ambiguous',
  );
}

function orderAxes(name: string, from: SleapAnalysisAxes['from']): SleapAnalysisAxes {
  const [tracks, pointScores, scores] = SLEAP_ANALYSIS_ORDERS[name] as [SleapAxis[], SleapAxis[], SleapAxis[]];
  return { from, name, tracks, pointScores, scores };
}

function checkFits(axes: SleapAnalysisAxes, shapes: SleapAnalysisShapes, named: boolean): void {
  const problem = misfit(axes, shapes, named);
  if (problem) throw new SleapAxesProblem(problem, 'mismatch');
}

function fits(axes: SleapAnalysisAxes, shapes: SleapAnalysisShapes): boolean {
  return misfit(axes, shapes, false) === undefined;
}

// Why an order does not fit the shapes, or undefined when it does. Without names from the file, an untracked export
// has one track column: SLEAP sizes the track axis `len(labels.tracks) or 1` (write_tracking_h5.py).
function misfit(axes: SleapAnalysisAxes, shapes: SleapAnalysisShapes, named: boolean): string | undefined {
  const sizes = new Map<SleapAxis, number>();
  const tracksText = JSON.stringify(shapes.tracks);
  if (shapes.tracks.length !== 4) return `has a tracks array of ${shapes.tracks.length} dimensions, not 4`;
  axes.tracks.forEach((axis, i) => sizes.set(axis, shapes.tracks[i] as number));
  if (sizes.get('xy') !== 2) return `has tracks ${tracksText} whose xy axis is not of length 2`;
  if (shapes.nodeCount !== undefined && sizes.get('node') !== shapes.nodeCount) {
    return `has tracks ${tracksText} whose node axis does not match its ${shapes.nodeCount} node names`;
  }
  const tracks = sizes.get('track');
  const expectedTracks = shapes.trackNameCount > 0 ? shapes.trackNameCount : named ? undefined : 1;
  if (expectedTracks !== undefined && tracks !== expectedTracks) {
    return `has tracks ${tracksText} whose track axis does not match its ${shapes.trackNameCount} track names`;
  }
  const others: [string, number[] | undefined, SleapAxis[]][] = [
    ['point_scores', shapes.pointScores, axes.pointScores],
    ['instance_scores', shapes.instanceScores, axes.scores],
    ['tracking_scores', shapes.trackingScores, axes.scores],
  ];
  for (const [name, shape, order] of others) {
    if (!shape) continue;
    const expected = order.map((axis) => sizes.get(axis));
    if (shape.length !== expected.length || shape.some((n, i) => n !== expected[i])) {
      return `has ${name} ${JSON.stringify(shape)}, which does not match tracks ${JSON.stringify(shapes.tracks)}`;
    }
  }
  return undefined;
}

/** Flat index into an array of `shape` stored in `order`, for the given axis positions. */
export function flatIndex(
  order: readonly SleapAxis[],
  shape: readonly number[],
  at: Partial<Record<SleapAxis, number>>,
): number {
  let index = 0;
  for (let d = 0; d < order.length; d++) index = index * (shape[d] as number) + (at[order[d] as SleapAxis] ?? 0);
  return index;
}
