// Where the real-world corpus (HDF5/NWB files from JABS, pynwb + ndx-pose, DeepLabCut) lives for tests and
// benchmarks: the copy kept in the repository under fixtures/corpus (see its README for provenance and licenses),
// or EMBER_CORPUS.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// src/ and dist/ both sit two levels below the repository root's packages/ folder.
const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The corpus folder (EMBER_CORPUS, else the repository's `fixtures/corpus`); throws a clear error when absent. */
export function corpusDir(env: Record<string, string | undefined> = process.env): string {
  const dir = env['EMBER_CORPUS'] ?? join(REPOSITORY, 'fixtures', 'corpus');
  if (!existsSync(join(dir, 'expected'))) {
    throw new Error(`The real-world corpus is not at ${dir}: restore fixtures/corpus in the repository or set EMBER_CORPUS.`);
  }
  return dir;
}

/** One object of a corpus file as h5py saw it (an entry of expected/<file>.json). */
export interface CorpusExpectedNode {
  path: string;
  kind: 'group' | 'dataset';
  attrs: string[];
  shape?: number[];
  dtype?: string;
  /** A dataset's first values, as h5py read them. */
  head?: unknown;
  /** A small dataset's whole value. */
  value?: unknown;
  neurodata_type?: string;
  namespace?: string;
}

/** What h5py saw in a real corpus file (expected/<file>.json): its objects by path and its root attribute names. */
export function corpusExpected(fileName: string, dir = corpusDir()): { nodes: Map<string, CorpusExpectedNode>; rootAttrs: string[] } {
  const parsed = JSON.parse(readFileSync(join(dir, 'expected', `${fileName}.json`), 'utf8')) as { nodes: CorpusExpectedNode[]; root_attrs: string[] }[];
  const entry = parsed[0];
  if (!entry) throw new Error(`${fileName}.json in the corpus describes no file.`);
  return { nodes: new Map(entry.nodes.map((n) => [n.path, n])), rootAttrs: entry.root_attrs };
}
