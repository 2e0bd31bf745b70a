// The sample archive's HDF5 generators: synthetic JABS pose files and NWB files with ndx-pose, all seeded.
export { generateJabsPose, JABS_FPS } from './jabs-pose.js';
export { generateNwbPose, POSE_ESTIMATION_NAME, seriesName, NWB_VERSION, NDX_POSE_VERSION } from './nwb-pose.js';
export { writeLargeNwb } from './large-nwb.js';
export { FEEDING_BODY_PARTS } from './feeding-model.js';
export { JABS_KEYPOINTS } from './types.js';
export type {
  GeneratedFile,
  JabsPoseParams,
  LargeNwbParams,
  LargeNwbResult,
  NwbPoseParams,
  PoseTruth,
} from './types.js';
export {
  generateSleapPredictions,
  SLEAP_SAMPLE_NODES,
  SLEAP_SAMPLE_EDGES,
  type SleapPredictionsParams,
} from './sleap-labels.js';
export { generateSleapAnalysis, type SleapAnalysisParams } from './sleap-analysis.js';
