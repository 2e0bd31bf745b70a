// The pose view of a file (ndx-pose in NWB, JABS, DeepLabCut) as core's explorer gives it: keypoints, metrics per
// individual and each keypoint's series, decimated so a terminal never holds more than it can draw.
import type { ExplorerFile, PoseView } from '../data.js';
import { useAsync, type AsyncState } from './use-async.js';

/** Points per series the pose screen asks for: wider than any terminal, extremes kept, whatever the recording. */
export const POSE_SCREEN_POINTS = 2000;

/** The pose view of an open file, of one container (camera) when given. */
export function usePose(file: ExplorerFile, container: string | undefined, attempt = 0): AsyncState<PoseView> {
  const request = { points: POSE_SCREEN_POINTS, ...(container === undefined ? {} : { container }) };
  return useAsync(`${file.uri}#${container ?? ''}`, () => file.pose(request), 0, attempt);
}
