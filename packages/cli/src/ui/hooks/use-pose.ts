// Pose data of a file (ndx-pose in NWB, JABS, DeepLabCut) reduced to what the pose screen shows: keypoints,
// per-keypoint metrics and x over time.
import { useArchiveData, type OpenFile, type PoseView } from '../data.js';
import { useAsync, type AsyncState } from './use-async.js';

/** Pose data and metrics of an open file. */
export function usePose(file: OpenFile, attempt = 0): AsyncState<PoseView> {
  const data = useArchiveData();
  return useAsync(file.uri, () => data.pose(file), 0, attempt);
}
