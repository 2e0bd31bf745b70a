// Test helpers: ask the reference HDF5 library (Debian python3-h5py) what it sees in generated files (what h5py saw
// in the real corpus files is corpusExpected, in ../../corpus.ts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusDir } from '../../corpus.js';

/** The shared real-world corpus (see corpusDir). */
export const CORPUS = corpusDir();
const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./describe_h5.py', import.meta.url));

/** One object as h5py sees it (see describe_h5.py). */
export interface H5pyNode {
  path: string;
  kind: 'group' | 'dataset';
  attrs: string[];
  attr_types: Record<string, { dtype: string; shape: number[] }>;
  attr_values: Record<string, unknown>;
  shape?: number[];
  dtype?: string;
  chunks?: number[] | null;
  compression?: string | null;
  compression_opts?: number | null;
  maxshape?: (number | null)[] | null;
  value?: unknown;
  neurodata_type?: string;
  namespace?: string;
}

/** A link h5py found: soft, external, or a second hard link to an object already seen. */
export interface H5pyLink {
  path: string;
  kind: 'soft' | 'hard' | 'external';
  target: string;
}

/** One file as h5py sees it. */
export interface H5pyFile {
  libver: [string, string];
  superblock: number;
  root_attrs: string[];
  root_attr_values: Record<string, unknown>;
  nodes: H5pyNode[];
  links: H5pyLink[];
}

/** Fail with a message saying how to install h5py when the reference library is missing. */
export function requireH5py(): void {
  try {
    execFileSync(PYTHON, ['-c', 'import h5py, numpy'], { stdio: 'pipe' });
  } catch {
    throw new Error(
      `The reference HDF5 library is missing: ${PYTHON} cannot import h5py and numpy. Run scripts/system-packages.sh (it installs python3-h5py).`,
    );
  }
}

/** Write `files` (name -> bytes) to a fresh temp folder and describe each with h5py, in one Python run. */
export function describeBytes(files: Record<string, Uint8Array>): Record<string, H5pyFile> {
  const dir = mkdtempSync(join(tmpdir(), 'ember-generate-'));
  try {
    const names = Object.keys(files);
    const paths = names.map((name) => {
      const path = join(dir, name);
      writeFileSync(path, files[name]!);
      return path;
    });
    const described = describePaths(paths);
    return Object.fromEntries(names.map((name, i) => [name, described[i]!]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Describe files on disk with h5py (with dataset values unless `values` is false). */
export function describePaths(paths: string[], values = true): H5pyFile[] {
  const json = execFileSync(PYTHON, [SCRIPT, ...(values ? [] : ['--no-values']), ...paths], {
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  return JSON.parse(json) as H5pyFile[];
}

/** The nodes of a file by path. */
export function byPath(file: H5pyFile): Map<string, H5pyNode> {
  return new Map(file.nodes.map((n) => [n.path, n]));
}

/** The values of one dataset as h5py reads it (NaN as null, byte strings decoded as UTF-8). */
export function readWithH5py(file: string, dataset: string): unknown {
  const script =
    'import h5py, json, sys, numpy as np\n' +
    'v = h5py.File(sys.argv[1], "r")[sys.argv[2]][()]\n' +
    'v = np.asarray(v.decode("utf-8") if isinstance(v, bytes) else v)\n' +
    'o = v.astype(object)\n' +
    'if v.dtype.kind == "f": o[np.isnan(v)] = None\n' +
    'if v.dtype.kind == "S": o = np.char.decode(v, "utf-8").astype(object)\n' +
    'print(json.dumps(o.tolist()))';
  return JSON.parse(execFileSync(PYTHON, ['-c', script, file, dataset], { maxBuffer: 1 << 30, encoding: 'utf8' }));
}
