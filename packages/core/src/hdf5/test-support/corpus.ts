// Test helpers: the shared real-world corpus (read in place, never copied) and fixtures written by Debian's h5py.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusDir, corpusExpected, type CorpusExpectedNode } from '@ember-archive/sample-archive';

/** The real-world corpus kept in the repository (see corpusDir). */
export const CORPUS_DIR = corpusDir();

/** One object as h5py sees it (corpus/expected/<file>.json). */
export type ExpectedNode = CorpusExpectedNode;

/** A corpus file and what h5py says about it. */
export interface CorpusFile {
  name: string;
  path: string;
  rootAttrs: string[];
  nodes: ExpectedNode[];
  /** Objects h5py lists but cannot open, with its error. */
  unreadable: { path: string; error: string }[];
}

/** Every corpus file that has an expected description. */
export function corpusFiles(): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const folder of readdirSync(CORPUS_DIR, { withFileTypes: true })) {
    if (!folder.isDirectory() || folder.name === 'expected') continue;
    for (const name of readdirSync(join(CORPUS_DIR, folder.name))) {
      if (!existsSync(join(CORPUS_DIR, 'expected', `${name}.json`))) continue;
      const { nodes, rootAttrs, unreadable } = corpusExpected(name, CORPUS_DIR);
      files.push({
        name,
        path: join(CORPUS_DIR, folder.name, name),
        rootAttrs,
        nodes: [...nodes.values()],
        unreadable,
      });
    }
  }
  return files;
}

/** Debian's Python with h5py (the pyenv `python3` on PATH has none). */
export const SYSTEM_PYTHON = '/usr/bin/python3';

/** Write the h5py fixtures (links, references, enums, compounds, filters) into `dir`. */
export function makeFixtures(dir: string): void {
  execFileSync(SYSTEM_PYTHON, [fileURLToPath(new URL('./make_fixtures.py', import.meta.url)), dir], {
    stdio: 'inherit',
  });
}

/**
 * Our dtype name for numpy's dtype string as h5py prints it: 'float64' and '>f8' are both float64 (byte order is
 * the reader's business), '|V2' is opaque, a dict or list of fields is a compound, 'object' is a vlen or reference.
 */
export function numpyDtypeName(numpy: string | undefined): string | undefined {
  if (numpy === undefined) return undefined;
  const code = /^[<>|=]?([iufbV])(\d+)$/.exec(numpy);
  if (code) {
    const [, kind, size] = code;
    if (kind === 'V') return 'opaque';
    if (kind === 'b') return 'bool';
    const bits = Number(size) * 8;
    if (kind === 'f' && bits > 64) return 'float128';
    return `${kind === 'i' ? 'int' : kind === 'u' ? 'uint' : 'float'}${bits}`;
  }
  if (numpy.startsWith('[(') || numpy.startsWith('{')) return 'compound';
  return numpy;
}
