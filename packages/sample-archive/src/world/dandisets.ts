// The EMBER-DANDI side of the sample world: every sample dandiset (sample-dandisets.ts, one function each), built
// into the catalog and the bucket by DandisetsBuilder (dandiset-builder.ts).
import type { WorldGenerators } from './plan.js';
import { DandisetsBuilder } from './dandiset-builder.js';
import { SAMPLE_DANDISETS } from './sample-dandisets.js';

export { SAMPLE_INSTANCE_NAME, SAMPLE_SCHEMA_VERSION, DandisetsBuilder } from './dandiset-builder.js';

/** Every sample dandiset, generated from the seed, in identifier order. */
export async function buildDandisets(seed: number, generators: WorldGenerators): Promise<DandisetsBuilder> {
  const builder = new DandisetsBuilder(seed);
  for (const dandiset of SAMPLE_DANDISETS) builder.add(await dandiset(seed, generators));
  return builder;
}
