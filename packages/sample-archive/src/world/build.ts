// Builds (or loads from the cache) the whole sample world: the bucket `ember-open-data` and the DANDI catalog.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ObjectStore, SAMPLE_EPOCH } from '../store.js';
import { defaultCacheRoot, readCachedWorld, worldCacheDir, writeCachedWorld } from './cache.js';
import { buildDandisets } from './dandisets.js';
import { digestFile, type BlobDigests } from './digests.js';
import { addDraftAsset } from './draft-asset.js';
import { embargoedBlobKeys } from './embargo.js';
import { kumarObjects } from './kumar2025.js';
import { SAMPLE_BUCKET, type World, type WorldCatalog } from './model.js';
import type { PlannedObject, WorldGenerators } from './plan.js';
import { toolObjects } from './tools.js';

/** How to build a world. */
export interface BuildWorldOptions {
  seed?: number;
  generators: WorldGenerators;
  /** Also add a >= 1 GiB NWB asset to 000463 (needs `generators.largeNwb`). */
  large?: boolean;
  /** Cache folder; `false` builds in memory every time (tests with stand-in generators). */
  cache?: string | false;
}

/** The seed used when none is given. */
export const DEFAULT_SEED = 463;

/** Path of the large NWB asset inside 000463. */
export const LARGE_ASSET_PATH = 'sub-LARGE01/sub-LARGE01_ses-benchmark_behavior+image.nwb';

/** Builds the world from the seed, or loads it from the on-disk cache when the same code built it before. */
export async function buildWorld(options: BuildWorldOptions): Promise<World> {
  const seed = options.seed ?? DEFAULT_SEED;
  const cacheRoot = options.cache === false ? undefined : (options.cache ?? defaultCacheRoot());
  const dir = cacheRoot === undefined ? undefined : worldCacheDir(cacheRoot, seed);

  let built = dir === undefined ? undefined : readCachedWorld(dir);
  if (built === undefined) {
    const dandisets = await buildDandisets(seed, options.generators);
    const objects = [...dandisets.objects, ...toolObjects(), ...(await kumarObjects(seed, options.generators))];
    built = { objects, catalog: dandisets.catalog };
    if (dir !== undefined) {
      mkdirSync(cacheRoot as string, { recursive: true });
      writeCachedWorld(dir, seed, objects, dandisets.catalog);
    }
  }
  if (options.large) {
    const largeDir = dir ?? join(defaultCacheRoot(), `large-seed${seed}`);
    built.objects.push(await largeNwbObject(largeDir, seed, options.generators, built.catalog));
  }
  return {
    seed,
    bucket: SAMPLE_BUCKET,
    store: fillStore(built.objects, embargoedBlobKeys(built.catalog)),
    catalog: built.catalog,
  };
}

/** Puts planned objects into a fresh ObjectStore for the bucket, tagging the `embargoed` keys. */
export function fillStore(objects: readonly PlannedObject[], embargoed: ReadonlySet<string> = new Set()): ObjectStore {
  const store = new ObjectStore(SAMPLE_BUCKET);
  for (const o of objects) {
    const options = { contentType: o.contentType, lastModified: SAMPLE_EPOCH, embargoed: embargoed.has(o.key) };
    if ('bytes' in o.source) store.putBytes(o.key, o.source.bytes, { ...options, etag: o.etag });
    else store.putFile(o.key, o.source.path, o.etag, options);
  }
  return store;
}

/** Generates (once, then reuses) the >= 1 GiB NWB and adds it to 000463's draft as an asset. */
async function largeNwbObject(
  dir: string,
  seed: number,
  generators: WorldGenerators,
  catalog: WorldCatalog,
): Promise<PlannedObject> {
  if (!generators.largeNwb) throw new Error('--large needs a largeNwb generator, and none is available.');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'large.nwb');
  const digestPath = join(dir, 'large.digest.json');
  let digest: BlobDigests;
  if (existsSync(file) && existsSync(digestPath)) {
    digest = JSON.parse(readFileSync(digestPath, 'utf8')) as BlobDigests;
  } else {
    const tmp = `${file}.tmp-${process.pid}`;
    try {
      await generators.largeNwb(tmp, seed);
      digest = await digestFile(tmp, statSync(tmp).size);
      renameSync(tmp, file);
      writeFileSync(digestPath, JSON.stringify(digest));
    } catch (error) {
      rmSync(tmp, { force: true });
      throw error;
    }
  }
  const size = statSync(file).size;
  const asset = addDraftAsset(catalog, seed, {
    dandiset: '000463',
    path: LARGE_ASSET_PATH,
    size,
    digest,
    encodingFormat: 'application/x-nwb',
    variableMeasured: ['PoseEstimation'],
  });
  return {
    key: asset.blobKey,
    contentType: 'application/octet-stream',
    etag: digest['dandi:dandi-etag'],
    size,
    source: { path: file },
  };
}
