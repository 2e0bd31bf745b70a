// What the HDF5 generators take and give back. The ground truth they return is exactly what was written,
// so readers can be tested by round trip: parameters in, the same trajectories out.

/** JABS keypoints in file index order. */
export const JABS_KEYPOINTS = [
  'nose', 'left_ear', 'right_ear', 'base_neck', 'left_front_paw', 'right_front_paw',
  'center_spine', 'left_rear_paw', 'right_rear_paw', 'base_tail', 'mid_tail', 'tip_tail',
] as const;

export interface JabsPoseParams {
  seed: number;
  /** JABS pose format version 2..6. */
  version: 2 | 3 | 4 | 5 | 6;
  frames: number;
  /** Mice in the arena (1 for v2). */
  mice: number;
}

/** Ground truth of a generated pose file, in (x, y) pixel order whatever the file stores. */
export interface PoseTruth {
  keypoints: readonly string[];
  individuals: readonly string[];
  frames: number;
  /** Seconds per frame index. */
  fps: number;
  /** [individual][keypoint] -> x, y per frame; NaN where the keypoint is missing. */
  x: Float64Array[][];
  y: Float64Array[][];
  confidence: Float32Array[][];
}

export interface GeneratedFile {
  bytes: Uint8Array;
  truth: PoseTruth;
}

export interface NwbPoseParams {
  seed: number;
  subjectId: string;
  sessionId: string;
  /** Pose frames per series. */
  frames: number;
  /** Frame rate of the camera. */
  rate: number;
  /** Series timed by `timestamps` instead of `starting_time` + `rate`. */
  timing: 'rate' | 'timestamps';
}
