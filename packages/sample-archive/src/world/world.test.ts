import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWorld } from './build.js';
import { KUMAR_SESSIONS, kumarSessions, poseFileName } from './kumar2025.js';
import { sampleSleapFiles, SLEAP_DANDISET } from './sleap-tracking.js';
import type { WorldGenerators } from './plan.js';
import { standInGenerators } from './test-support/stand-in-generators.js';

async function text(world: Awaited<ReturnType<typeof buildWorld>>, key: string): Promise<string> {
  const object = world.store.get(key);
  if (!object) throw new Error(`no object ${key}`);
  const chunks: Buffer[] = [];
  for await (const chunk of object.read(0, object.size - 1)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('the sample world', () => {
  it('fills ember-open-data with the EMBER layout', async () => {
    const world = await buildWorld({ seed: 1, generators: standInGenerators, cache: false });
    const keys = world.store.keys();
    const top = new Set(keys.map((k) => k.split('/')[0]));
    expect([...top].sort()).toEqual(['blobs', 'dandisets', 'other', 'tools', 'zarr']);
    for (const key of keys.filter((k) => k.startsWith('blobs/'))) {
      const [, a, b, uuid] = key.split('/');
      expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(`${a}${b}`).toBe(uuid?.slice(0, 6));
    }
    const videos = keys.filter((k) => k.startsWith('other/kumar2025/videos/'));
    expect(videos).toHaveLength(KUMAR_SESSIONS);
    expect(videos.some((k) => k.includes(' '))).toBe(true);
    const poses = keys.filter((k) => k.startsWith('other/kumar2025/pose_files/'));
    expect(poses).toHaveLength(KUMAR_SESSIONS);
    expect(poses.every((k) => /_pose_est_v[2-6]\.h5$/.test(k))).toBe(true);
    expect(keys.filter((k) => k.startsWith('other/kumar2025/classifiers/')).length).toBeGreaterThan(0);
    expect(await text(world, 'other/kumar2025/index.html')).toContain('SYNTHETIC');
    expect(await text(world, 'dandisets/000463/draft/dandiset.yaml')).toMatch(
      /^.*name: Mouse food sniff \(SYNTHETIC SAMPLE\)$/m,
    );
    expect(keys).not.toContain('dandisets/000471/draft/dandiset.yaml'); // embargoed metadata stays private
    // The Zarr asset's store: its objects under zarr/<zarr_id>/, each with its MD5 as ETag, and no blob.
    const zarrAsset = world.catalog.assets.find((a) => a.zarr !== null);
    expect(zarrAsset).toMatchObject({ blobId: null, blobKey: null, encodingFormat: 'application/x-zarr' });
    const zarrKeys = keys.filter((k) => k.startsWith(zarrAsset?.zarr?.prefix ?? '-'));
    expect(zarrKeys.map((k) => k.slice(zarrAsset?.zarr?.prefix.length)).sort()).toEqual(
      zarrAsset?.zarr?.files.map((f) => f.path).sort(),
    );
    expect(zarrKeys).toContain(`${zarrAsset?.zarr?.prefix}.zgroup`);
    const chunk = world.store.get(`${zarrAsset?.zarr?.prefix}nose/0.0`);
    expect(chunk?.etag).toBe(zarrAsset?.zarr?.files.find((f) => f.path === 'nose/0.0')?.etag);
    expect(zarrAsset?.size).toBe(zarrAsset?.zarr?.files.reduce((n, f) => n + f.size, 0));
  });

  it('is the same for the same seed and differs for another', async () => {
    const a = await buildWorld({ seed: 5, generators: standInGenerators, cache: false });
    const b = await buildWorld({ seed: 5, generators: standInGenerators, cache: false });
    const c = await buildWorld({ seed: 6, generators: standInGenerators, cache: false });
    expect(b.catalog).toEqual(a.catalog);
    expect(b.store.keys()).toEqual(a.store.keys());
    expect(c.catalog.assets[0]?.assetId).not.toBe(a.catalog.assets[0]?.assetId);
  });

  it('holds SLEAP predictions and their analysis exports in 000475, written from the listed parameters', async () => {
    const calls: string[] = [];
    const recording: WorldGenerators = {
      ...standInGenerators,
      sleapPredictions: (p) => (calls.push(`predictions ${JSON.stringify(p)}`), new Uint8Array([1])),
      sleapAnalysis: (p) => (calls.push(`analysis ${JSON.stringify(p)}`), new Uint8Array([2])),
    };
    const world = await buildWorld({ seed: 9, generators: recording, cache: false });
    const files = sampleSleapFiles(9);
    const sleap = world.catalog.dandisets.find((d) => d.identifier === SLEAP_DANDISET);
    const draft = sleap?.versions.find((v) => v.version === 'draft');
    const assets = world.catalog.assets.filter((a) => draft?.assetIds.includes(a.assetId));
    expect(assets.map((a) => a.path)).toEqual(['README.txt', ...files.map((f) => f.path)]);
    expect(calls).toEqual(files.map((f) => `${f.kind} ${JSON.stringify(f.params)}`));
    // Each session: a `sleap-track` predictions file and the export sleap-convert names after it and its video.
    const [predictions, analysis] = files;
    expect(predictions?.path).toBe('sub-PAIR01/sub-PAIR01_ses-01_arena.mp4.predictions.slp');
    expect(analysis?.path).toBe('sub-PAIR01/sub-PAIR01_ses-01_arena.mp4.000_sub-PAIR01_ses-01_arena.analysis.h5');
    expect(new Set(files.map((f) => f.params.seed)).size).toBe(files.length / 2);
    expect(sampleSleapFiles(10)[0]?.params.seed).not.toBe(predictions?.params.seed);
    for (const asset of assets.filter((a) => a.path !== 'README.txt')) {
      expect(asset.metadata).toMatchObject({
        encodingFormat: 'application/x-hdf5',
        wasAttributedTo: [{ identifier: 'PAIR01' }],
      });
      expect(world.store.get(asset.blobKey ?? '')?.size).toBe(1);
    }
  });

  it('gives stand-in lines for SLEAP files when the generators have no SLEAP writer', async () => {
    expect(standInGenerators.sleapAnalysis).toBeUndefined();
    const world = await buildWorld({ seed: 9, generators: standInGenerators, cache: false });
    const asset = world.catalog.assets.find((a) => a.path === sampleSleapFiles(9)[1]?.path);
    expect(await text(world, asset?.blobKey ?? '')).toMatch(/^SYNTHETIC SLEAP analysis stand-in frames=900 /);
  });

  it('names pose files after their video, as JABS does', () => {
    const [first] = kumarSessions(1);
    expect(first && poseFileName(first)).toBe(
      `${first?.video.replace(/\.avi$/, '')}_pose_est_v${first?.poseVersion}.h5`,
    );
  });

  it('loads a second start from the on-disk cache, identical to the first', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'world-cache-'));
    let calls = 0;
    const counting = {
      ...standInGenerators,
      nwbPose: (p: Parameters<typeof standInGenerators.nwbPose>[0]) => (calls++, standInGenerators.nwbPose(p)),
    };
    const first = await buildWorld({ seed: 3, generators: counting, cache });
    const callsAfterFirst = calls;
    const second = await buildWorld({ seed: 3, generators: counting, cache });
    expect(calls).toBe(callsAfterFirst);
    expect(second.catalog).toEqual(first.catalog);
    expect(second.store.keys()).toEqual(first.store.keys());
    const key = first.catalog.assets[0]?.blobKey ?? '';
    expect(await text(second, key)).toBe(await text(first, key));
    expect(second.store.get(key)?.etag).toBe(first.store.get(key)?.etag);
  });
});
