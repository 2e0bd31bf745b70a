// Where the real-world corpus (HDF5/NWB files from JABS, pynwb + ndx-pose, DeepLabCut) lives for tests and
// benchmarks: beside the repository as shared/corpus (how the work tree and CI are laid out), or EMBER_CORPUS.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// src/ and dist/ both sit two levels below the repository root's packages/ folder.
const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The corpus folder (EMBER_CORPUS, else `../shared/corpus` beside the repository); throws a clear error when absent. */
export function corpusDir(env: Record<string, string | undefined> = process.env): string {
  const dir = env['EMBER_CORPUS'] ?? join(REPOSITORY, '..', 'shared', 'corpus');
  if (!existsSync(join(dir, 'expected'))) {
    throw new Error(`The real-world corpus is not at ${dir}: put shared/corpus beside the repository or set EMBER_CORPUS.`);
  }
  return dir;
}
