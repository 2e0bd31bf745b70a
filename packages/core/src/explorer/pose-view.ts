// The pose view every face draws: a frame window of a pose file (capped, so a long recording costs a bounded read),
// metrics per individual and keypoint, and each keypoint's series decimated to the points a chart can show.
import { InvalidInputError } from '../errors.js';
import type { Hdf5File } from '../hdf5/types.js';
import { poseMetrics } from '../pose/metrics.js';
import type { PoseData, PoseTrack } from '../pose/model.js';
import { readPose } from '../pose/read-pose.js';
import { decimateChannels } from './decimate.js';
import type { KeypointSummary, PoseRequest, PoseSeries, PoseView } from './explorer.js';

/**
 * Frames a pose view reads at most: 20 minutes at 30 fps. Longer recordings show their first part (and say so)
 * rather than pulling hundreds of MB through ranges for one chart.
 */
export const POSE_FRAME_LIMIT = 36_000;

/**
 * The frames a view of `frameCount` frames reads: the requested window, or from `start` up to the frame limit.
 * A window longer than the limit, or a start past the end of `location`, is an InvalidInputError.
 */
export function poseViewWindow(
  request: Pick<PoseRequest, 'start' | 'end'>,
  frameCount: number,
  frameLimit = POSE_FRAME_LIMIT,
  location = 'the file',
): { start: number; end: number } {
  const start = request.start ?? 0;
  if (request.end === undefined && start > frameCount) {
    throw new InvalidInputError(
      `The start frame ${start} is past the ${frameCount} frames of ${location}.`,
      String(start),
    );
  }
  const end = request.end ?? Math.min(frameCount, start + frameLimit);
  if (Number.isInteger(start) && Number.isInteger(end) && end - start > frameLimit) {
    throw new InvalidInputError(
      `A pose view reads at most ${frameLimit} frames at once, not ${end - start} (frames ${start} to ${end}); ` +
        'ask for a shorter window.',
      `${start}:${end}`,
    );
  }
  return { start, end };
}

/** Read the pose view of `file` (named `fileName` in the archive, for JABS versions) for `request`. */
export async function readPoseView(
  file: Hdf5File,
  fileName: string,
  request: PoseRequest = {},
  frameLimit = POSE_FRAME_LIMIT,
): Promise<PoseView> {
  const options = {
    fileName,
    ...(request.container !== undefined ? { container: request.container } : {}),
    ...(request.individuals !== undefined ? { individuals: request.individuals } : {}),
    ...(request.keypoints !== undefined ? { keypoints: request.keypoints } : {}),
  };
  // Without an end the frame count decides the window: an empty window reads only metadata to learn it.
  const frameCount =
    request.end === undefined ? (await readPose(file, { ...options, start: 0, end: 0 })).frameCount : Infinity;
  const window = poseViewWindow(request, frameCount, frameLimit, file.name);
  const pose = await readPose(file, { ...options, ...window });
  return toPoseView(pose, request.threshold ?? pose.confidenceThreshold, request.points);
}

/** Metrics per individual (in `individuals` order), keypoints in file order. */
export function metricsByIndividual(pose: PoseData, threshold: number): KeypointSummary[][] {
  const metrics = poseMetrics(pose, threshold);
  return pose.individuals.map((individual) =>
    metrics
      .filter((m) => m.individual === individual)
      .map((m) => ({
        keypoint: m.keypoint,
        missing: m.fractionMissing,
        lowConfidence: m.fractionLowConfidence,
        distance: m.distance,
        meanSpeed: m.meanSpeed,
      })),
  );
}

/** One track as a series of at most `points` samples (every frame when undefined), extremes of x and y kept. */
export function poseSeries(pose: PoseData, track: PoseTrack, points?: number): PoseSeries {
  const indices =
    points === undefined
      ? Array.from({ length: track.x.length }, (_, i) => i)
      : decimateChannels([track.x, track.y], points);
  const at = (values: ArrayLike<number>): number[] => indices.map((i) => values[i] as number);
  return {
    individual: track.individual,
    keypoint: track.keypoint,
    frame: indices.map((i) => pose.start + i),
    time: at(pose.time),
    x: at(track.x),
    y: at(track.y),
    confidence: at(track.confidence),
  };
}

/** The view of pose data already read: metrics at `threshold`, series decimated to `points`. */
export function toPoseView(pose: PoseData, threshold: number, points?: number): PoseView {
  const time = pose.time;
  return {
    source: pose.source,
    formatVersion: pose.formatVersion,
    container: pose.container,
    containers: pose.containers ?? [pose.container],
    individuals: pose.individuals,
    keypoints: pose.keypoints,
    edges: pose.edges,
    frameCount: pose.frameCount,
    start: pose.start,
    end: pose.end,
    ...(pose.fps !== undefined ? { fps: pose.fps } : {}),
    duration: time.length > 1 ? (time[time.length - 1] ?? 0) - (time[0] ?? 0) : 0,
    unit: pose.unit,
    threshold,
    metrics: metricsByIndividual(pose, threshold),
    series: pose.tracks.map((track) => poseSeries(pose, track, points)),
  };
}
