// The real HDF5 generators of ../generate, adapted to what a world build asks of them.
import {
  generateJabsPose,
  generateNwbPose,
  generateSleapAnalysis,
  generateSleapPredictions,
  writeLargeNwb,
} from '../generate/index.js';
import type { WorldGenerators } from './plan.js';

/** Size of the `--large` NWB: just over 1 GiB, as the benchmarks ask for. */
export const LARGE_NWB_BYTES = 2 ** 30 + 2 ** 20;

/** Generators writing real HDF5 with h5wasm (JABS pose, NWB with ndx-pose, SLEAP files, the large NWB). */
export const hdf5Generators: WorldGenerators = {
  jabsPose: async (params) => (await generateJabsPose(params)).bytes,
  nwbPose: async (params) => (await generateNwbPose(params)).bytes,
  sleapPredictions: async (params) => (await generateSleapPredictions(params)).bytes,
  sleapAnalysis: async (params) => (await generateSleapAnalysis(params)).bytes,
  largeNwb: async (path, seed) => {
    await writeLargeNwb(path, { seed, targetBytes: LARGE_NWB_BYTES });
  },
};
