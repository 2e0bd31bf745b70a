// The objects a world build produces before they go into an ObjectStore (or the on-disk cache).
import type { SleapAnalysisParams } from '../generate/sleap-analysis.js';
import type { SleapPredictionsParams } from '../generate/sleap-labels.js';
import type { JabsPoseParams, NwbPoseParams } from '../generate/types.js';

/** One bucket object, its bytes either in memory or in a file on disk. */
export interface PlannedObject {
  key: string;
  contentType: string;
  /** S3 ETag without quotes. */
  etag: string;
  size: number;
  source: { bytes: Uint8Array } | { path: string };
}

/** The HDF5 writers a world needs; the real ones live in ../generate, tests may pass small stand-ins. */
export interface WorldGenerators {
  /** A JABS `*_pose_est_v<N>.h5` file. */
  jabsPose(params: JabsPoseParams): Promise<Uint8Array> | Uint8Array;
  /** An NWB 2.x file with ndx-pose pose estimation, acquisition traces, trials and subject metadata. */
  nwbPose(params: NwbPoseParams): Promise<Uint8Array> | Uint8Array;
  /** A SLEAP predictions `.slp`; without it, 000475's `.slp` files hold a stand-in line. */
  sleapPredictions?(params: SleapPredictionsParams): Promise<Uint8Array> | Uint8Array;
  /** A SLEAP analysis export (`.analysis.h5`); without it, 000475's exports hold a stand-in line. */
  sleapAnalysis?(params: SleapAnalysisParams): Promise<Uint8Array> | Uint8Array;
  /** Writes a >= 1 GiB NWB file at `path` (for `--large`). */
  largeNwb?(path: string, seed: number): Promise<void> | void;
}

/** Text as UTF-8 bytes. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
