// Synthetic SLEAP analysis exports (`*.analysis.h5`): what SLEAP's "Export Analysis HDF5" and
// `sleap-convert --format analysis` write from a labels file (talmolab/sleap sleap/info/write_tracking_h5.py, `main`
// and `write_occupancy_file`, called by sleap/io/convert.py with all_frames=True). Written here from the same
// parameters as generateSleapPredictions, so the pair is a predictions file and its export, as a lab shares them.
//
// Layout (SLEAP's default `transpose=True`: numpy arrays are transposed for MATLAB before writing):
//   tracks           float64 (tracks, 2, nodes, frames)   NaN where a point is invisible or a track has no instance
//   track_occupancy  uint8   (frames, tracks)             1 where the track has an instance
//   point_scores     float64 (tracks, nodes, frames)      the stored point score (SLEAP's `PredictedInstance.scores`
//                                                          NaNs only x and y of invisible points), NaN without instance
//   instance_scores, tracking_scores  float64 (tracks, frames)
//   track_names, node_names  fixed-length ASCII; edge_names (edges, 2) fixed-length; edge_inds int32 (edges, 2)
//   labels_path, video_path, provenance  variable-length UTF-8 scalars; video_ind int32 scalar
// Arrays are gzip 9 with h5py's chunk guess, the rest contiguous, as `write_occupancy_file` has h5py write them.
// Integers are int32 as in the corpus export (small_robot.000_small_robot_3_frame.analysis.h5, written on Windows,
// where numpy's default integer is 32-bit). One difference: fixed-length strings are null-terminated, one byte
// longer than numpy's null-padded `|S<n>` (h5wasm 0.10.3 writes only null-terminated fixed ASCII); readers see the
// same text.
import type { Group } from 'h5wasm';
import { numericDataset, textDataset, writeHdf5Bytes } from './hdf5-writer.js';
import {
  instanceScore,
  isDetected,
  SLEAP_SAMPLE_EDGES,
  SLEAP_SAMPLE_NODES,
  SLEAP_SAMPLE_PROVENANCE,
  SLEAP_SAMPLE_TRACKING_SCORE,
  SLEAP_SAMPLE_VIDEO,
  sleapPredictionsTruth,
  storedPointScore,
  type SleapPredictionsParams,
} from './sleap-labels.js';
import type { GeneratedFile, PoseTruth } from './types.js';

/** What to export: the predictions file's parameters, and the path SLEAP records as `labels_path`. */
export interface SleapAnalysisParams extends SleapPredictionsParams {
  /** The labels file the export was made from, as given to sleap-convert; default `<video>.predictions.slp`. */
  labelsPath?: string;
}

/**
 * Generate the SLEAP analysis export of the predictions file generateSleapPredictions writes for the same parameters.
 * Its truth is that file's, except that a point lost inside a detected instance has confidence 0 (the score the
 * predictions file stores), not NaN: SLEAP exports stored scores as they are.
 */
export async function generateSleapAnalysis(params: SleapAnalysisParams): Promise<GeneratedFile> {
  const predicted = sleapPredictionsTruth(params);
  const T = predicted.individuals.length;
  const K = SLEAP_SAMPLE_NODES.length;
  const F = predicted.frames;
  const video = params.videoFilename ?? SLEAP_SAMPLE_VIDEO;

  const tracks = new Float64Array(T * 2 * K * F).fill(Number.NaN);
  const occupancy = new Uint8Array(F * T);
  const pointScores = new Float64Array(T * K * F).fill(Number.NaN);
  const instanceScores = new Float64Array(T * F).fill(Number.NaN);
  const trackingScores = new Float64Array(T * F).fill(Number.NaN);
  const confidence: Float64Array[][] = [];
  for (let t = 0; t < T; t++) {
    const scores = Array.from({ length: K }, () => new Float64Array(F).fill(Number.NaN));
    for (let f = 0; f < F; f++) {
      if (!isDetected(predicted, t, f)) continue;
      occupancy[f * T + t] = 1;
      // The .slp stores both scores as float32; SLEAP reads them back as Python floats.
      instanceScores[t * F + f] = Math.fround(instanceScore(predicted, t, f));
      trackingScores[t * F + f] = Math.fround(SLEAP_SAMPLE_TRACKING_SCORE);
      for (let k = 0; k < K; k++) {
        const score = storedPointScore(predicted.confidence[t]?.[k]?.[f]);
        (scores[k] as Float64Array)[f] = score;
        pointScores[(t * K + k) * F + f] = score;
        tracks[((t * 2 + 0) * K + k) * F + f] = predicted.x[t]?.[k]?.[f] ?? Number.NaN;
        tracks[((t * 2 + 1) * K + k) * F + f] = predicted.y[t]?.[k]?.[f] ?? Number.NaN;
      }
    }
    confidence.push(scores);
  }
  const truth: PoseTruth = { ...predicted, confidence };

  const edgeNames = SLEAP_SAMPLE_EDGES.flatMap(([a, b]) => [SLEAP_SAMPLE_NODES[a], SLEAP_SAMPLE_NODES[b]]);
  const bytes = await writeHdf5Bytes((file) => {
    fixedAscii(file, 'track_names', [...predicted.individuals], [T]);
    fixedAscii(file, 'node_names', [...SLEAP_SAMPLE_NODES], [K]);
    fixedAscii(file, 'edge_names', edgeNames as string[], [SLEAP_SAMPLE_EDGES.length, 2]);
    numericDataset(file, 'edge_inds', Int32Array.from(SLEAP_SAMPLE_EDGES.flat()), [SLEAP_SAMPLE_EDGES.length, 2]);
    numericDataset(file, 'tracks', tracks, [T, 2, K, F], { gzip: 9 });
    numericDataset(file, 'track_occupancy', occupancy, [F, T], { gzip: 9 });
    numericDataset(file, 'point_scores', pointScores, [T, K, F], { gzip: 9 });
    numericDataset(file, 'instance_scores', instanceScores, [T, F], { gzip: 9 });
    numericDataset(file, 'tracking_scores', trackingScores, [T, F], { gzip: 9 });
    textDataset(file, 'labels_path', params.labelsPath ?? `${video}.predictions.slp`);
    textDataset(file, 'video_path', video);
    numericDataset(file, 'video_ind', new Int32Array([0]), []);
    textDataset(file, 'provenance', pythonJson(SLEAP_SAMPLE_PROVENANCE));
  });
  return { bytes, truth };
}

// A list of str as numpy makes it from np.string_ values: fixed-length ASCII, as long as the longest.
function fixedAscii(group: Group, name: string, values: string[], shape: number[]): void {
  const size = Math.max(1, ...values.map((v) => v.length)) + 1;
  group.create_dataset({ name, data: values, shape, dtype: `A${size}` });
}

// json.dumps of a flat dict of strings, with Python's default separators (", " and ": ").
function pythonJson(value: Readonly<Record<string, string>>): string {
  const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `{${entries.join(', ')}}`;
}
