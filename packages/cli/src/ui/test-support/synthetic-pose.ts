// A pose file for UI tests without HDF5: two cameras, two mice, three keypoints over 3,000 frames at 30 fps,
// answered like core's explorer (a window of frames, decimated to at most `points` by stride), and every
// request recorded so tests can check what the chart asked for.
import type { PoseRequest, PoseSeries, PoseView } from '@ember-archive/core';
import type { PoseFile } from '../hooks/use-pose-chart.js';

/** The synthetic file and the requests it has answered. */
export interface SyntheticPoseFile extends PoseFile {
  requests: PoseRequest[];
}

const FRAMES = 3000;
const FPS = 30;
const KEYPOINTS = ['nose', 'left_ear', 'tail_base'];
const INDIVIDUALS = ['mouse1', 'mouse2'];
const CONTAINERS = ['PoseEstimationTop', 'PoseEstimationSide'];

/** The value of a coordinate: distinct per keypoint, individual and camera, so tests can tell them apart. */
export function syntheticValue(
  axis: 'x' | 'y',
  frame: number,
  keypoint: number,
  individual: number,
  container: number,
): number {
  const base = 100 * (keypoint + 1) + 1000 * individual + 10_000 * container;
  return axis === 'x' ? base + 50 * Math.sin(frame / 60) : base + 25 * Math.cos(frame / 45);
}

/** A pose file of synthetic tracks; `delayMs` makes each read take that long. */
export function syntheticPoseFile(delayMs = 0): SyntheticPoseFile {
  const requests: PoseRequest[] = [];
  return {
    uri: 'dandi://ember-dandi/000463/sub-ADPTM01/synthetic_pose.nwb',
    requests,
    async pose(request: PoseRequest = {}): Promise<PoseView> {
      requests.push(request);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return syntheticPoseView(request);
    },
  };
}

/** The synthetic view for one request: its window of frames, decimated by stride to at most `points`. */
export function syntheticPoseView(request: PoseRequest = {}): PoseView {
  const containerIndex = Math.max(0, CONTAINERS.indexOf(request.container ?? CONTAINERS[0] ?? ''));
  const start = request.start ?? 0;
  const end = request.end ?? FRAMES;
  const stride = Math.max(1, Math.ceil((end - start) / (request.points ?? end - start)));
  const frames: number[] = [];
  for (let f = start; f < end; f += stride) frames.push(f);
  const keypoints = request.keypoints ?? KEYPOINTS;
  const individuals = request.individuals ?? INDIVIDUALS;
  const series: PoseSeries[] = [];
  for (const individual of individuals) {
    for (const keypoint of keypoints) {
      const k = KEYPOINTS.indexOf(keypoint);
      const i = INDIVIDUALS.indexOf(individual);
      series.push({
        individual,
        keypoint,
        frame: frames,
        time: frames.map((f) => f / FPS),
        x: frames.map((f) => syntheticValue('x', f, k, i, containerIndex)),
        y: frames.map((f) => syntheticValue('y', f, k, i, containerIndex)),
        // The tail is tracked badly: confidence 0.3 everywhere.
        confidence: frames.map(() => (keypoint === 'tail_base' ? 0.3 : 0.9)),
      });
    }
  }
  return {
    source: 'ndx-pose',
    formatVersion: '0.2.0',
    container: CONTAINERS[containerIndex],
    containers: CONTAINERS,
    individuals: INDIVIDUALS,
    keypoints: KEYPOINTS,
    edges: [],
    frameCount: FRAMES,
    start,
    end,
    fps: FPS,
    duration: (end - 1 - start) / FPS,
    unit: 'pixels',
    threshold: request.threshold ?? 0.5,
    metrics: INDIVIDUALS.map(() =>
      KEYPOINTS.map((keypoint) => ({
        keypoint,
        missing: 0,
        lowConfidence: keypoint === 'tail_base' ? 1 : 0,
        distance: 1234.5,
        meanSpeed: 12.3,
      })),
    ),
    series,
  };
}
