// On-disk cache of built worlds, so the second start skips HDF5 generation. One folder per
// (package version, generator code, seed); a build is written to a temporary folder and renamed into place,
// so a crash never leaves a half-written world that a later start would trust.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorldCatalog } from './model.js';
import type { PlannedObject } from './plan.js';

const here = dirname(fileURLToPath(import.meta.url));
/** Bump when the cache layout changes. */
const CACHE_FORMAT = 1;

interface ManifestEntry {
  key: string;
  contentType: string;
  etag: string;
  size: number;
  file: string;
}

interface Manifest {
  format: number;
  seed: number;
  objects: ManifestEntry[];
  catalog: WorldCatalog;
}

/** Where worlds are cached: `node_modules/.cache/ember-sample-archive` of this package, else the OS temp folder. */
export function defaultCacheRoot(): string {
  const packageRoot = join(here, '..', '..');
  const nodeModules = join(packageRoot, 'node_modules');
  return existsSync(nodeModules)
    ? join(nodeModules, '.cache', 'ember-sample-archive')
    : join(tmpdir(), 'ember-sample-archive');
}

/** Hash of the code that shapes a world (this folder and ../generate), so edited generators never reuse a stale world. */
export function codeFingerprint(): string {
  const hash = createHash('sha256').update(`format ${CACHE_FORMAT}\n`);
  try {
    const pkg = readFileSync(join(here, '..', '..', 'package.json'), 'utf8');
    hash.update((JSON.parse(pkg) as { version?: string }).version ?? '');
  } catch {
    // No package.json next to the code (bundled): the source hash below still keys the cache.
  }
  for (const folder of [here, join(here, '..', 'generate')]) {
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).sort()) {
      if (!/\.(js|ts)$/.test(name) || /\.test\.|\.d\.ts$/.test(name)) continue;
      hash.update(name).update(readFileSync(join(folder, name)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** The cache folder of one world. */
export function worldCacheDir(root: string, seed: number): string {
  return join(root, `world-${codeFingerprint()}-seed${seed}`);
}

/** A cached world, if one is complete at `dir`. */
export function readCachedWorld(dir: string): { objects: PlannedObject[]; catalog: WorldCatalog } | undefined {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) return undefined;
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    if (manifest.format !== CACHE_FORMAT) return undefined;
    const objects = manifest.objects.map((e) => ({
      key: e.key,
      contentType: e.contentType,
      etag: e.etag,
      size: e.size,
      source: { path: join(dir, e.file) },
    }));
    return { objects, catalog: manifest.catalog };
  } catch {
    // A manifest that does not parse is treated as no cache: the world is rebuilt and the folder replaced.
    return undefined;
  }
}

/** Writes a built world to `dir` (all-or-nothing). Failures only cost the next start its speed, so they are swallowed. */
export function writeCachedWorld(
  dir: string,
  seed: number,
  objects: readonly PlannedObject[],
  catalog: WorldCatalog,
): void {
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  try {
    mkdirSync(join(tmp, 'objects'), { recursive: true });
    const entries: ManifestEntry[] = objects.map((o, i) => {
      if (!('bytes' in o.source)) throw new Error(`cannot cache ${o.key}: it is already a file`);
      const file = join('objects', String(i));
      writeFileSync(join(tmp, file), o.source.bytes);
      return { key: o.key, contentType: o.contentType, etag: o.etag, size: o.size, file };
    });
    const manifest: Manifest = { format: CACHE_FORMAT, seed, objects: entries, catalog };
    writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(manifest));
    // Another process may have finished the same world meanwhile, and may be serving from it: keep theirs.
    if (existsSync(join(dir, 'manifest.json'))) {
      rmSync(tmp, { recursive: true, force: true });
      return;
    }
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
    pruneStaleWorlds(dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** An hour: long enough that no running archive still serves from a world this old that another build replaced. */
const STALE_AFTER_MS = 60 * 60 * 1000;

/**
 * Removes worlds that older code built for the same seed (a `--large` world holds a 1 GiB file), once they
 * have not been touched for an hour.
 */
function pruneStaleWorlds(current: string): void {
  const root = dirname(current);
  const seedSuffix = current.slice(current.lastIndexOf('-seed'));
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (path === current || !name.startsWith('world-') || !name.endsWith(seedSuffix)) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_AFTER_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Gone already, or not ours to remove: either way nothing to do.
    }
  }
}
