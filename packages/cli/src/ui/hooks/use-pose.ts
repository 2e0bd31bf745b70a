// Pose data of a file (ndx-pose in NWB, JABS, DeepLabCut) reduced to what the pose screen shows: keypoints,
// per-keypoint metrics and x over time.
import { useArchiveData, type OpenFile, type PoseView } from '../data.js';
import { useAsync, type AsyncState } from './use-async.js';

/** Pose data and metrics of an open file, of one container (camera) when given. */
export function usePose(file: OpenFile, container: string | undefined, attempt = 0): AsyncState<PoseView> {
  const data = useArchiveData();
  return useAsync(`${file.uri}#${container ?? ''}`, () => data.pose(file, container), 0, attempt);
}
