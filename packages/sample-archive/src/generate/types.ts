// What the HDF5 generators take and give back. The ground truth they return is exactly what was written,
// so readers can be tested by round trip: parameters in, the same trajectories out.

/** JABS keypoints in file index order. */
export const JABS_KEYPOINTS = [
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

export interface JabsPoseParams {
  seed: number;
  /** JABS pose format version 2..6. */
  version: 2 | 3 | 4 | 5 | 6;
  frames: number;
  /** Mice in the arena (1 for v2). */
  mice: number;
  /** Instance slots per frame (the I axis, v3+): default 1 for one mouse, mice + 1 otherwise (padding comes last). */
  instanceSlots?: number;
  /**
   * The `poseest` `version` attribute: default `[version, 0]` for v3+ and absent for v2, as the JABS writers do.
   * Give e.g. `[3, 0]` on a v5 file to reproduce the real files whose attribute lies, or null to omit it.
   */
  versionAttribute?: readonly [number, number] | null;
}

/** Ground truth of a generated pose file, in (x, y) pixel order whatever the file stores. */
export interface PoseTruth {
  keypoints: readonly string[];
  individuals: readonly string[];
  frames: number;
  /** Frames per second (JABS: 30, not stored in the file; NWB: the camera rate). */
  fps: number;
  /** Seconds of each frame, as the file states or implies (JABS: index / 30). */
  time: Float64Array;
  /** [individual][keypoint] -> x, y per frame; NaN where the keypoint is missing. */
  x: Float64Array[][];
  y: Float64Array[][];
  /** [individual][keypoint] -> confidence per frame, in the file's precision (JABS float32 with 0 where missing, NWB float64 with NaN). */
  confidence: (Float32Array | Float64Array)[][];
  /** Unit of x and y. */
  unit: 'pixels';
  /** Skeleton edges as keypoint index pairs, where the file stores them (NWB). */
  edges?: readonly (readonly [number, number])[];
  /** Centimetres per pixel where the file states it (JABS v5+ `cm_per_pixel`). */
  cmPerPixel?: number;
  /** Static objects (JABS v5+) in (x, y) order whatever the file stores: name -> points. */
  staticObjects?: Record<string, readonly (readonly [number, number])[]>;
  /** JABS v3+: tracklet id per individual per frame (0 where the individual is absent). */
  trackIds?: Uint32Array[];
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
  /** Subject sex as NWB spells it (default chosen by the seed). */
  sex?: 'M' | 'F' | 'U';
  /** Subject age as an ISO 8601 duration (default 'P90D'). */
  age?: string;
}

/** What `writeLargeNwb` is asked for. */
export interface LargeNwbParams {
  seed: number;
  /** The file is at least this many bytes (the bulk acquisition dataset fills what the pose series leave). */
  targetBytes: number;
}

/** What `writeLargeNwb` wrote. */
export interface LargeNwbResult {
  bytes: number;
  /** Hex SHA-256 of the file. */
  sha256: string;
  /** Pose frames per series. */
  frames: number;
}
