// Small stand-ins for the HDF5 generators, so world and API tests run in milliseconds and do not depend on h5wasm.
// Their bytes say what they are; they are not HDF5.
import type { WorldGenerators } from '../plan.js';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Generators that return a few bytes describing the parameters they were given. */
export const standInGenerators: WorldGenerators = {
  jabsPose: (p) =>
    text(`SYNTHETIC JABS pose stand-in v${p.version} frames=${p.frames} mice=${p.mice} seed=${p.seed}\n`),
  nwbPose: (p) =>
    text(
      `SYNTHETIC NWB stand-in sub=${p.subjectId} ses=${p.sessionId} frames=${p.frames} timing=${p.timing} seed=${p.seed}\n`,
    ),
};
