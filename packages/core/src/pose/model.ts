// One model for pose data, whatever wrote it (ndx-pose in NWB, JABS pose_est_vN.h5, DeepLabCut HDF5, SLEAP .slp and
// analysis .h5).
// Coordinates are image coordinates (origin top-left, y down) in `unit`; missing points are NaN.

/** Which format the pose came from. */
export type PoseSource = 'ndx-pose' | 'jabs' | 'dlc' | 'sleap';

/** One keypoint of one individual over the frames read. */
export interface PoseTrack {
  individual: string;
  keypoint: string;
  x: Float64Array;
  y: Float64Array;
  /** Only for 3-D pose (ndx-pose data (N, 3)). */
  z?: Float64Array;
  /** As the file stores it: not clamped (JABS heatmap peaks exceed 1); NaN where the file has none. */
  confidence: Float64Array;
}

/** A thing that does not move, drawn with the pose (e.g. JABS arena corners), in the pose's unit. */
export interface PoseStaticObject {
  name: string;
  /** Points as (x, y). */
  points: [number, number][];
}

/** One outline of a segmentation mask (JABS v6 `poseest/seg_data`), in the pose's unit. */
export interface PoseContour {
  /** True for an outer boundary, false for a hole inside one (JABS `seg_external_flag`); null when the file has no flags. */
  external: boolean | null;
  /** Points as (x, y), padding dropped. */
  points: [number, number][];
}

/** The segmentation outlines of one individual over the window. */
export interface PoseSegmentationTrack {
  individual: string;
  /** `frames[i]` holds the contours of frame `start + i`; empty where the individual has none. */
  frames: PoseContour[][];
}

/** Segmentation read with the pose (JABS v6+), only when asked for with `ReadPoseOptions.segmentation`. */
export interface PoseSegmentation {
  /** HDF5 path the contours came from. */
  dataset: string;
  /**
   * How contours were matched to individuals: `longterm_seg_id` (the identity, as JABS pose_est_v6.py sorts them),
   * `instance_seg_id` (the tracklet, matched to the pose instance with that `instance_track_id` in the same frame),
   * or `none` (the file links neither, so no contour is attributed).
   */
  linkedBy: 'longterm_seg_id' | 'instance_seg_id' | 'none';
  /** One per individual read, in `individuals` order. */
  tracks: PoseSegmentationTrack[];
  /** Contours in the window that belong to no individual of the file (unlinked or unknown ids): counted, not returned. */
  unmatchedContours: number;
}

/** Pose read from a file for a window of frames. */
export interface PoseData {
  source: PoseSource;
  /**
   * JABS "2".."8", ndx-pose namespace version ("0.1.1", "0.3.0"), DLC pandas version, SLEAP "labels 1.2" (the file's
   * format_id) or "analysis (track, xy, node, frame)" (the axis order read).
   */
  formatVersion: string;
  /**
   * The file it was read from, as it was opened (Hdf5File.name): the identifier asked for (a DANDI path, not the blob
   * or presigned URL its bytes came from), else its path or URL.
   */
  location: string;
  /** Container read: PoseEstimation group, /poseest, /df_with_missing, /tracks (SLEAP analysis), video0 (SLEAP .slp). */
  container: string;
  /**
   * Every container of the file, when it has several: ndx-pose PoseEstimation groups (cameras or animals), SLEAP labels
   * videos (video0, video1, ...); pick one with `container`.
   */
  containers?: string[];
  individuals: string[];
  /** Keypoints in file order (skeleton node order when there is one). */
  keypoints: string[];
  /** Pairs of indices into `keypoints`, when the file or format defines a skeleton. */
  edges: [number, number][];
  /** Frames in the file. */
  frameCount: number;
  /** Window read: frames [start, end). */
  start: number;
  end: number;
  /** Seconds of each frame read (length end - start). */
  time: Float64Array;
  /** Frames per second when the file gives it or a default is assumed. */
  fps?: number;
  /** True when fps is a default, not read from the file (JABS 30 fps, DLC). */
  fpsAssumed: boolean;
  /** True when fps is 1 / the median step of the window's timestamps (NWB series timed by timestamps). */
  fpsEstimated?: boolean;
  /** 2 or 3. */
  dimensions: 2 | 3;
  /** "pixels", or "cm" when the file gives a scale and it was applied. */
  unit: string;
  /** The scale the file gives (JABS cm_per_pixel), whether or not applied. */
  cmPerPixel?: number;
  /** How to read the coordinates (origin, axes); the file's own text when it has one. */
  referenceFrame: string;
  /** Confidence above which a point is valid for metrics by this format's convention. */
  confidenceThreshold: number;
  /** One per individual x keypoint, individual-major, in `individuals` x `keypoints` order. */
  tracks: PoseTrack[];
  staticObjects: PoseStaticObject[];
  /** Segmentation contours per individual: only when asked for and the file has them (JABS v6+). */
  segmentation?: PoseSegmentation;
}

/** Frames per second a reader assumes when neither the file nor the caller gives a rate (JABS, DLC). */
export const ASSUMED_FPS = 30;

/** What to read: a subset of individuals/keypoints and a frame window [start, end). */
export interface ReadPoseOptions {
  individuals?: string[];
  keypoints?: string[];
  start?: number;
  end?: number;
  /**
   * ndx-pose: path or name of the PoseEstimation container; SLEAP labels: the video, as `video1`, its index or its file
   * name (default: the first).
   */
  container?: string;
  /** Frame rate when the file has none (JABS, DLC); default {@link ASSUMED_FPS}. */
  fps?: number;
  /** "file" (default): cm when the file gives a scale; "pixels": never scale. */
  units?: 'file' | 'pixels';
  /** JABS: the file name, when `file.name` does not end in `_pose_est_vN.h5` (e.g. a blob URL). */
  fileName?: string;
  /**
   * JABS v6+: also read the segmentation contours of the window. Off by default: contours are tens of times the bytes
   * of the keypoints (a few KB per instance per frame), and most readers (metrics, CSV) never use them.
   */
  segmentation?: boolean;
}

/**
 * A track of `frames` frames with nothing read into it yet: every value NaN, which the model reads as missing, so
 * frames a reader skips or finds empty stay missing. `dimensions` 3 gives it a z.
 */
export function missingTrack(individual: string, keypoint: string, frames: number, dimensions: 2 | 3 = 2): PoseTrack {
  const track: PoseTrack = {
    individual,
    keypoint,
    x: new Float64Array(frames).fill(Number.NaN),
    y: new Float64Array(frames).fill(Number.NaN),
    confidence: new Float64Array(frames).fill(Number.NaN),
  };
  if (dimensions === 3) track.z = new Float64Array(frames).fill(Number.NaN);
  return track;
}

/** The track of one individual and keypoint, if read. */
export function findTrack(pose: PoseData, individual: string, keypoint: string): PoseTrack | undefined {
  return pose.tracks.find((t) => t.individual === individual && t.keypoint === keypoint);
}
