// The real HDF5 generators of ../generate, adapted to what a world build asks of them.
import * as generate from '../generate/index.js';
import type { JabsPoseParams, LargeNwbParams, NwbPoseParams } from '../generate/types.js';
import type { WorldGenerators } from './plan.js';

/** Size of the `--large` NWB: just over 1 GiB, as the benchmarks ask for. */
export const LARGE_NWB_BYTES = 2 ** 30 + 2 ** 20;

type NwbGenerator = (params: NwbPoseParams) => Promise<{ bytes: Uint8Array }> | { bytes: Uint8Array };
type LargeNwbWriter = (path: string, params: LargeNwbParams) => Promise<unknown> | unknown;

/** Looks a generator up by name, so this module builds before every generator has landed, and fails clearly if one is missing. */
function generator<T>(name: string): T {
  const found = (generate as Record<string, unknown>)[name];
  if (typeof found !== 'function') throw new Error(`The sample archive's generator ${name} is not available in this build.`);
  return found as T;
}

/** Generators writing real HDF5 with h5wasm (JABS pose, NWB with ndx-pose, the large NWB). */
export const hdf5Generators: WorldGenerators = {
  jabsPose: async (params: JabsPoseParams) => (await generate.generateJabsPose(params)).bytes,
  nwbPose: async (params: NwbPoseParams) => (await generator<NwbGenerator>('generateNwbPose')(params)).bytes,
  largeNwb: async (path: string, seed: number) => {
    await generator<LargeNwbWriter>('writeLargeNwb')(path, { seed, targetBytes: LARGE_NWB_BYTES });
  },
};
