// One entry point for pose: tell the format from the file's layout and hand it to that reader.
import type { Hdf5File } from '../hdf5/types.js';
import { UnsupportedError } from '../errors.js';
import { findPoseContainers, readNdxPose, type PoseContainer } from './ndx-pose.js';
import { isDlcPose, readDlcPose } from './dlc.js';
import { isJabsPose, readJabsPose } from './jabs.js';
import { isSleapAnalysis, readSleapAnalysis } from './sleap-analysis.js';
import { isSleapLabels, readSleapLabels } from './sleap-labels.js';
import type { PoseData, PoseSource, ReadPoseOptions } from './model.js';

/** Which pose format the file holds, or undefined when it holds none this version reads. */
export async function detectPoseFormat(file: Hdf5File): Promise<PoseSource | undefined> {
  const { layout } = await detectLayout(file);
  return layout === 'sleap-analysis' || layout === 'sleap-labels' ? 'sleap' : layout;
}

/** The two SLEAP forms, both 'sleap' to callers. */
type Layout = Exclude<PoseSource, 'sleap'> | 'sleap-analysis' | 'sleap-labels';

// The ndx-pose containers found while detecting are handed on, so the file is not walked twice. Formats are told by
// layout alone, never by file name: SLEAP wrote its labels layout to `.h5` before `.slp` existed.
async function detectLayout(file: Hdf5File): Promise<{ layout: Layout | undefined; containers?: PoseContainer[] }> {
  if (await isJabsPose(file)) return { layout: 'jabs' };
  if (await isDlcPose(file)) return { layout: 'dlc' };
  if (await isSleapAnalysis(file)) return { layout: 'sleap-analysis' };
  if (await isSleapLabels(file)) return { layout: 'sleap-labels' };
  const containers = await findPoseContainers(file);
  return containers.length > 0 ? { layout: 'ndx-pose', containers } : { layout: undefined };
}

/** Read keypoint trajectories from a JABS, DeepLabCut, SLEAP or NWB (ndx-pose) file, for a window and a selection. */
export async function readPose(file: Hdf5File, options: ReadPoseOptions = {}): Promise<PoseData> {
  const { layout, containers } = await detectLayout(file);
  switch (layout) {
    case 'jabs':
      return readJabsPose(file, options);
    case 'dlc':
      return readDlcPose(file, options);
    case 'sleap-analysis':
      return readSleapAnalysis(file, options);
    case 'sleap-labels':
      return readSleapLabels(file, options);
    case 'ndx-pose':
      return readNdxPose(file, options, containers);
    default:
      throw new UnsupportedError(
        `${file.name} holds no pose data this version reads (JABS /poseest, DeepLabCut /df_with_missing, ` +
          'SLEAP tracks or labels tables, or ndx-pose PoseEstimation).',
        file.name,
      );
  }
}
