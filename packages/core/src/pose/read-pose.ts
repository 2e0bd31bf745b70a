// One entry point for pose: tell the format from the file's layout and hand it to that reader.
import type { Hdf5File } from '../hdf5/types.js';
import { UnsupportedError } from '../errors.js';
import { findPoseContainers, readNdxPose } from './ndx-pose.js';
import { isDlcPose, readDlcPose } from './dlc.js';
import { isJabsPose, readJabsPose } from './jabs.js';
import type { PoseData, PoseSource, ReadPoseOptions } from './model.js';

/** Which pose format the file holds, or undefined when it holds none this version reads. */
export async function detectPoseFormat(file: Hdf5File): Promise<PoseSource | undefined> {
  if (await isJabsPose(file)) return 'jabs';
  if (await isDlcPose(file)) return 'dlc';
  if ((await findPoseContainers(file)).length > 0) return 'ndx-pose';
  return undefined;
}

/** Read keypoint trajectories from a JABS, DeepLabCut or NWB (ndx-pose) file, for a window and a selection. */
export async function readPose(file: Hdf5File, options: ReadPoseOptions = {}): Promise<PoseData> {
  const format = await detectPoseFormat(file);
  switch (format) {
    case 'jabs': return readJabsPose(file, options);
    case 'dlc': return readDlcPose(file, options);
    case 'ndx-pose': return readNdxPose(file, options);
    default:
      throw new UnsupportedError(
        `${file.location} holds no pose data this version reads (JABS /poseest, DeepLabCut /df_with_missing, or ndx-pose PoseEstimation).`,
        file.location,
      );
  }
}
