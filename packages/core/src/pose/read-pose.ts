// One entry point for pose: tell the format from the file's layout and hand it to that reader.
import type { Hdf5File } from '../hdf5/types.js';
import { UnsupportedError } from '../errors.js';
import { findPoseContainers, readNdxPose, type PoseContainer } from './ndx-pose.js';
import { isDlcPose, readDlcPose } from './dlc.js';
import { isJabsPose, readJabsPose } from './jabs.js';
import type { PoseData, PoseSource, ReadPoseOptions } from './model.js';

/** Which pose format the file holds, or undefined when it holds none this version reads. */
export async function detectPoseFormat(file: Hdf5File): Promise<PoseSource | undefined> {
  return (await detect(file)).format;
}

// The ndx-pose containers found while detecting are handed on, so the file is not walked twice.
async function detect(file: Hdf5File): Promise<{ format: PoseSource | undefined; containers?: PoseContainer[] }> {
  if (await isJabsPose(file)) return { format: 'jabs' };
  if (await isDlcPose(file)) return { format: 'dlc' };
  const containers = await findPoseContainers(file);
  return containers.length > 0 ? { format: 'ndx-pose', containers } : { format: undefined };
}

/** Read keypoint trajectories from a JABS, DeepLabCut or NWB (ndx-pose) file, for a window and a selection. */
export async function readPose(file: Hdf5File, options: ReadPoseOptions = {}): Promise<PoseData> {
  const { format, containers } = await detect(file);
  switch (format) {
    case 'jabs': return readJabsPose(file, options);
    case 'dlc': return readDlcPose(file, options);
    case 'ndx-pose': return readNdxPose(file, options, containers);
    default:
      throw new UnsupportedError(
        `${file.location} holds no pose data this version reads (JABS /poseest, DeepLabCut /df_with_missing, or ndx-pose PoseEstimation).`,
        file.location,
      );
  }
}
