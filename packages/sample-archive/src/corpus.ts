// Where the real-world corpus (HDF5/NWB files from JABS, pynwb + ndx-pose, DeepLabCut, SLEAP, the HDF Group) lives for tests and
// benchmarks: the copy kept in the repository under fixtures/corpus (see its README for provenance and licenses),
// or EMBER_CORPUS.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// src/ and dist/ both sit two levels below the repository root's packages/ folder.
const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The corpus folder (EMBER_CORPUS, else the repository's `fixtures/corpus`); throws a clear error when absent. */
export function corpusDir(env: Record<string, string | undefined> = process.env): string {
  const dir = env['EMBER_CORPUS'] ?? join(REPOSITORY, 'fixtures', 'corpus');
  if (!existsSync(join(dir, 'expected'))) {
    throw new Error(
      `The real-world corpus is not at ${dir}: restore fixtures/corpus in the repository or set EMBER_CORPUS.`,
    );
  }
  return dir;
}

/** One real-world file of the corpus: its folder (the tool that wrote it), name and path. */
export interface CorpusFileEntry {
  folder: string;
  name: string;
  path: string;
}

/**
 * Every real-world file of the corpus, folder by folder: files only, so sub-folders of generated fixtures (such as
 * sleap/generated/, written by h5py from a script) and `expected/` are not taken for files no one here wrote.
 */
export function corpusFileEntries(dir: string = corpusDir()): CorpusFileEntry[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'expected')
    .flatMap((d) =>
      readdirSync(join(dir, d.name), { withFileTypes: true })
        .filter((f) => f.isFile())
        .map((f) => ({ folder: d.name, name: f.name, path: join(dir, d.name, f.name) })),
    );
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
export function corpusExpected(
  fileName: string,
  dir = corpusDir(),
): { nodes: Map<string, CorpusExpectedNode>; rootAttrs: string[]; unreadable: CorpusUnreadable[] } {
  const parsed = JSON.parse(readFileSync(join(dir, 'expected', `${fileName}.json`), 'utf8')) as
    ExpectedList | ExpectedObjects;
  if (!Array.isArray(parsed)) return fromObjects(parsed);
  const entry = parsed[0];
  if (!entry) throw new Error(`${fileName}.json in the corpus describes no file.`);
  return { nodes: new Map(entry.nodes.map((n) => [n.path, n])), rootAttrs: entry.root_attrs, unreadable: [] };
}

/** An object h5py lists but cannot open, with h5py's error (the object-by-object form, e.g. tbogus.h5). */
export interface CorpusUnreadable {
  path: string;
  error: string;
}

type ExpectedList = { nodes: CorpusExpectedNode[]; root_attrs: string[] }[];

/**
 * The object-by-object form, written when h5py's visititems stops at a bad object: every path with its kind
 * ('hard-unopenable' with the error for the one h5py cannot open), numpy's dtype string and first values.
 */
interface ExpectedObjects {
  objects: {
    path: string;
    kind: string;
    attrs?: string[];
    shape?: number[];
    dtype_str?: string;
    first?: unknown[];
    error?: string;
  }[];
}

function fromObjects(parsed: ExpectedObjects): ReturnType<typeof corpusExpected> {
  const nodes = new Map<string, CorpusExpectedNode>();
  const unreadable: CorpusUnreadable[] = [];
  let rootAttrs: string[] = [];
  for (const o of parsed.objects) {
    if (o.kind === 'hard-unopenable') unreadable.push({ path: o.path, error: o.error ?? '' });
    else if (o.path === '/') rootAttrs = o.attrs ?? [];
    else if (o.kind === 'group' || o.kind === 'dataset') {
      const node: CorpusExpectedNode = { path: o.path, kind: o.kind, attrs: o.attrs ?? [] };
      if (o.kind === 'dataset') {
        node.shape = o.shape ?? [];
        if (o.dtype_str !== undefined) node.dtype = o.dtype_str;
        // `first` is the first values in C order; for a scalar, its one value (as `head` holds it).
        if (o.first !== undefined && node.shape.length === 0) node.head = o.first[0];
      }
      nodes.set(o.path, node);
    }
  }
  return { nodes, rootAttrs, unreadable };
}
