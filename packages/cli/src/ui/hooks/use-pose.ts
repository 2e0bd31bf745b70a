// Pose data of a file (ndx-pose in NWB, JABS, DeepLabCut) reduced to what the pose screen shows: keypoints,
// per-keypoint metrics and x over time.
import { useArchiveData, type PoseView } from '../data.js';
import { useAsync, type AsyncState } from './use-async.js';

/** Pose data and metrics of the file at `uri`. */
export function usePose(uri: string, attempt = 0): AsyncState<PoseView> {
  const data = useArchiveData();
  return useAsync(uri, () => data.pose(uri), 0, attempt);
}
