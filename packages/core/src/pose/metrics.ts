// Pose metrics as pure functions over the model: per keypoint speed, distance travelled, fraction missing or below
// a confidence threshold, and a centroid track. Conventions from JABS (docs/pose-formats.md §5):
// a point counts when it is present and its confidence is above the threshold (JABS: > 0.3); speeds are
// displacement over elapsed time, in the pose's unit per second (cm/s when JABS gives cm_per_pixel).
import type { PoseData, PoseTrack } from './model.js';

/** Metrics of one keypoint of one individual over the frames read. */
export interface KeypointMetrics {
  individual: string;
  keypoint: string;
  frames: number;
  /** Frames with no position at all (NaN). */
  fractionMissing: number;
  /** Frames whose point is present but at or below the confidence threshold. */
  fractionLowConfidence: number;
  /** Sum of displacements between consecutive valid frames, in the pose unit. */
  distance: number;
  /** Distance over the time those steps took, unit per second (NaN with no valid step). */
  meanSpeed: number;
  /** Fastest single step, unit per second (NaN with no valid step). */
  maxSpeed: number;
}

/** Which frames of a track count: present and (when the file gives confidence) above the threshold. */
export function validFrames(track: PoseTrack, threshold: number): Uint8Array {
  const n = track.x.length;
  const valid = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = track.confidence[i] as number;
    const present =
      Number.isFinite(track.x[i]) && Number.isFinite(track.y[i]) && (!track.z || Number.isFinite(track.z[i]));
    valid[i] = present && (Number.isNaN(c) || c > threshold) ? 1 : 0;
  }
  return valid;
}

function step(track: PoseTrack, a: number, b: number): number {
  const dx = (track.x[b] as number) - (track.x[a] as number);
  const dy = (track.y[b] as number) - (track.y[a] as number);
  const dz = track.z ? (track.z[b] as number) - (track.z[a] as number) : 0;
  return Math.hypot(dx, dy, dz);
}

/** Speed at each frame from the previous frame (unit/s); NaN where either frame is not valid. */
export function pointSpeeds(track: PoseTrack, time: Float64Array, valid: Uint8Array): Float64Array {
  const out = new Float64Array(track.x.length).fill(Number.NaN);
  for (let i = 1; i < out.length; i++) {
    if (!valid[i] || !valid[i - 1]) continue;
    const dt = (time[i] as number) - (time[i - 1] as number);
    if (dt > 0) out[i] = step(track, i - 1, i) / dt;
  }
  return out;
}

/** Distance travelled: the sum of steps between consecutive valid frames (gaps are not bridged). */
export function distanceTravelled(track: PoseTrack, valid: Uint8Array): number {
  let total = 0;
  for (let i = 1; i < track.x.length; i++) if (valid[i] && valid[i - 1]) total += step(track, i - 1, i);
  return total;
}

/** Metrics of one track; `threshold` defaults to the format's own convention. */
export function keypointMetrics(
  pose: PoseData,
  track: PoseTrack,
  threshold = pose.confidenceThreshold,
): KeypointMetrics {
  const n = track.x.length;
  const valid = validFrames(track, threshold);
  let missing = 0;
  let low = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(track.x[i]) || !Number.isFinite(track.y[i])) missing += 1;
    else if (!valid[i]) low += 1;
  }
  const speeds = pointSpeeds(track, pose.time, valid);
  let distance = 0;
  let elapsed = 0;
  let maxSpeed = Number.NaN;
  for (let i = 1; i < n; i++) {
    const s = speeds[i] as number;
    if (Number.isNaN(s)) continue;
    distance += step(track, i - 1, i);
    elapsed += (pose.time[i] as number) - (pose.time[i - 1] as number);
    maxSpeed = Number.isNaN(maxSpeed) ? s : Math.max(maxSpeed, s);
  }
  return {
    individual: track.individual,
    keypoint: track.keypoint,
    frames: n,
    fractionMissing: n === 0 ? 0 : missing / n,
    fractionLowConfidence: n === 0 ? 0 : low / n,
    distance,
    meanSpeed: elapsed > 0 ? distance / elapsed : Number.NaN,
    maxSpeed,
  };
}

/** Metrics of every track read, in track order. */
export function poseMetrics(pose: PoseData, threshold = pose.confidenceThreshold): KeypointMetrics[] {
  return pose.tracks.map((track) => keypointMetrics(pose, track, threshold));
}

/** Per frame, the mean position of an individual's valid keypoints (NaN when none is valid). */
export function centroidTrack(
  pose: PoseData,
  individual: string,
  options: { threshold?: number; exclude?: readonly string[] } = {},
): PoseTrack {
  const threshold = options.threshold ?? pose.confidenceThreshold;
  // JABS leaves the tail out of its centroid (pose_est.py: convex hull without mid_tail and tip_tail).
  const exclude = new Set(options.exclude ?? (pose.source === 'jabs' ? ['mid_tail', 'tip_tail'] : []));
  const tracks = pose.tracks.filter((t) => t.individual === individual && !exclude.has(t.keypoint));
  const n = pose.time.length;
  const sumX = new Float64Array(n);
  const sumY = new Float64Array(n);
  const count = new Uint32Array(n);
  for (const track of tracks) {
    const valid = validFrames(track, threshold);
    for (let i = 0; i < n; i++) {
      if (!valid[i]) continue;
      sumX[i] = (sumX[i] as number) + (track.x[i] as number);
      sumY[i] = (sumY[i] as number) + (track.y[i] as number);
      count[i] = (count[i] as number) + 1;
    }
  }
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = count[i] ? (sumX[i] as number) / (count[i] as number) : Number.NaN;
    y[i] = count[i] ? (sumY[i] as number) / (count[i] as number) : Number.NaN;
  }
  return { individual, keypoint: 'centroid', x, y, confidence: new Float64Array(n).fill(Number.NaN) };
}
