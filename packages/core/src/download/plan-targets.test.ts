// Planning from identifiers and downloading against the sample archive (S3 server + DANDI API emulator), with the
// fault proxy in front of the S3 server for the ranged GETs.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildWorld,
  serveWorld,
  startSampleArchive,
  type RunningSampleArchive,
  type WorldGenerators,
} from '@ember-archive/sample-archive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArchive, type Archive } from '../archive/archive.js';
import { loadConfig } from '../config.js';
import { AuthRequiredError, IntegrityError, InvalidInputError, NotFoundError } from '../errors.js';
import { mulberry32, randomFaults, startFaultProxy, type FaultProxy } from '../test-support/fault-proxy.js';
import { startStaticServer } from '../test-support/static-server.js';
import { reportRobustness } from '../robustness/robustness-report.js';
import { planDownloads } from './plan-targets.js';
import { downloadItems, summarizePlan } from './run-downloads.js';
import { zarrChecksum } from './zarr-checksum.js';

// Sizes that make the downloader cut parts (partSize below) without slowing the tests down.
const randomBytes = (seed: number, size: number) => {
  const random = mulberry32(seed);
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
};
const generators: WorldGenerators = {
  jabsPose: (p) => randomBytes(p.seed, 40_000 + (p.seed % 5000)),
  nwbPose: (p) => randomBytes(p.seed, 150_000 + (p.seed % 7000)),
};

let sample: RunningSampleArchive;
let proxy: FaultProxy;
let archive: Archive;
let base: string;

beforeAll(async () => {
  sample = await startSampleArchive({ generators, cache: false });
  // Only ranged GETs (the downloads) get faults; listings and HEADs pass.
  proxy = await startFaultProxy({
    upstream: sample.s3,
    match: (req) => req.method === 'GET' && req.headers.range !== undefined,
  });
  archive = createArchive(loadConfig({}, { apiUrl: sample.api, s3Endpoint: sample.s3 }));
  base = await mkdtemp(join(tmpdir(), 'ember-plan-'));
});
afterAll(async () => {
  const stats = proxy?.stats();
  if (stats)
    reportRobustness({
      suite: 'archive-download-faults',
      faults: stats.faults,
      requests: stats.requests,
      byKind: stats.byKind,
      failures: 0,
    });
  await proxy?.close();
  await sample?.close();
  await rm(base, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('planDownloads', () => {
  it('plans a dandiset folder with SHA-256 and dandi-etag digests, under a folder named like it', async () => {
    const items = await planDownloads(archive, ['dandi://ember-dandi/000463@draft/sub-ADPTM01/']);
    expect(items.map((i) => i.path)).toEqual([
      'sub-ADPTM01/sub-ADPTM01_ses-20240301T101000_behavior+image.nwb',
      'sub-ADPTM01/sub-ADPTM01_ses-20240301T102000_behavior+image.nwb',
    ]);
    for (const item of items) {
      expect(item.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(item.dandiEtag).toMatch(/^[0-9a-f]{32}-1$/);
      expect(item.url.startsWith(`${sample.s3}/ember-open-data/blobs/`)).toBe(true);
    }
  });

  it('plans a whole dandiset, a single path and applies include/exclude to paths below the target', async () => {
    const all = await planDownloads(archive, ['EMBER-DANDI:000463/draft']);
    expect(all).toHaveLength(8);
    expect(all.every((i) => i.path.startsWith('000463/sub-ADPTM0'))).toBe(true);
    const some = await planDownloads(archive, ['EMBER-DANDI:000463/draft'], {
      include: ['sub-ADPTM0[12]/**'],
      exclude: ['*T102000*'],
    });
    expect(some.map((i) => i.path)).toEqual([
      '000463/sub-ADPTM01/sub-ADPTM01_ses-20240301T101000_behavior+image.nwb',
      '000463/sub-ADPTM02/sub-ADPTM02_ses-20240302T101000_behavior+image.nwb',
    ]);
    const one = await planDownloads(archive, [
      'dandi://ember-dandi/000463@draft/sub-ADPTM02/sub-ADPTM02_ses-20240302T101000_behavior+image.nwb',
    ]);
    expect(one.map((i) => i.path)).toEqual(['sub-ADPTM02_ses-20240302T101000_behavior+image.nwb']);
  });

  it('plans a bucket prefix recursively with S3 ETags, and skips videos on request', async () => {
    const items = await planDownloads(archive, [`s3://${sample.bucket}/other/kumar2025/`], {
      exclude: ['*.avi', '*.mp4'],
    });
    expect(items.length).toBeGreaterThan(3);
    expect(items.every((i) => i.path.startsWith('kumar2025/') && !/\.(avi|mp4)$/.test(i.path))).toBe(true);
    expect(items.some((i) => i.path.startsWith('kumar2025/pose_files/'))).toBe(true);
    expect(items.every((i) => i.s3Etag !== undefined)).toBe(true);
  });

  it('pages through a folder of more than 1,000 assets', async () => {
    const items = await planDownloads(archive, ['dandi://ember-dandi/000472@draft/sub-MANY01/trials/'], {
      concurrency: 32,
    });
    expect(items).toHaveLength(1050);
    expect(new Set(items.map((i) => i.path)).size).toBe(1050);
  });

  it('plans an asset download URL and a plain URL', async () => {
    const [first] = await planDownloads(archive, ['dandi://ember-dandi/000463@draft/sub-ADPTM03/']);
    const page = (await (
      await fetch(`${sample.api}/dandisets/000463/versions/draft/assets/?path=sub-ADPTM03/&page_size=1`)
    ).json()) as { results: Array<{ asset_id: string }> };
    const assetId = page.results[0]!.asset_id;
    const [asset] = await planDownloads(archive, [`${sample.api}/assets/${assetId}/download/`]);
    expect(asset).toMatchObject({ path: first!.path.split('/').pop(), sha256: first!.sha256, size: first!.size });
    const web = await startStaticServer({ '/files/notes v1.txt': new TextEncoder().encode('hello') });
    try {
      const [plain] = await planDownloads(archive, [`${web.url}/files/notes%20v1.txt`]);
      expect(plain).toMatchObject({ path: 'notes v1.txt', size: 5, s3Etag: '5d41402abc4b2a76b9719d911017c592' });
      await expect(planDownloads(archive, [`${web.url}/missing.bin`])).rejects.toThrow(NotFoundError);
    } finally {
      await web.close();
    }
  });

  it('says clearly what cannot be planned', async () => {
    await expect(planDownloads(archive, [])).rejects.toThrow(InvalidInputError);
    await expect(planDownloads(archive, ['dandi://ember-dandi/'])).rejects.toThrow(InvalidInputError);
    await expect(planDownloads(archive, ['dandi://ember-dandi/000463@draft/sub-NOPE/'])).rejects.toThrow(NotFoundError);
    await expect(planDownloads(archive, [`s3://${sample.bucket}/other/nothing-here/`])).rejects.toThrow(NotFoundError);
    await expect(planDownloads(archive, ['EMBER-DANDI:000471/draft'])).rejects.toThrow(AuthRequiredError);
  });
});

describe('downloading what was planned', () => {
  it('downloads a dandiset folder through a faulty link, verified, and skips it all the second time', async () => {
    const dest = join(base, 'faulty');
    // The emulator's contentUrl names the sample S3 server directly (no AWS form to re-point), so aim at the proxy here.
    const planned = await planDownloads(archive, ['dandi://ember-dandi/000463@draft/'], {
      exclude: ['sub-ADPTM04/**'],
    });
    const items = planned.map((item) => ({ ...item, url: item.url.replace(sample.s3, proxy.url) }));
    const plan = await summarizePlan(items, dest);
    expect(plan).toMatchObject({ files: 6, present: 0, bytesToFetch: plan.totalBytes });
    proxy.setPicker(randomFaults(5, 0.4));
    const before = proxy.stats().faults;
    const report = await downloadItems(items, {
      dest,
      jobs: 4,
      partSize: 32 * 1024,
      retry: { baseDelayMs: 2, maxDelayMs: 10, attempts: 10 },
      idleTimeoutMs: 300,
      random: mulberry32(3),
    });
    proxy.setPicker(undefined);
    expect(proxy.stats().faults - before).toBeGreaterThan(3);
    expect(report.failed).toBe(0);
    for (const item of items) expect(sha256(await readFile(join(dest, item.path)))).toBe(item.sha256);
    expect((await readdir(join(dest, '000463'))).sort()).toEqual(['sub-ADPTM01', 'sub-ADPTM02', 'sub-ADPTM03']);

    const again = await summarizePlan(items, dest);
    expect(again).toMatchObject({ present: 6, bytesToFetch: 0 });
    const second = await downloadItems(items, { dest });
    expect(second).toMatchObject({ skipped: 6, fetchedBytes: 0 });
  });

  it("downloads a Zarr asset as its objects, filtered, each verified by its ETag, and the store's checksum holds", async () => {
    const items = await planDownloads(archive, ['dandi://ember-dandi/000474@draft/']);
    const zarrPaths = items
      .filter((i) => i.path.includes('.zarr/'))
      .map((i) => i.path)
      .sort();
    expect(zarrPaths).toEqual(
      ['.zattrs', '.zgroup', 'nose/.zarray', 'nose/.zattrs', 'nose/0.0', 'nose/1.0', 'nose/2.0']
        .map((k) => `000474/sub-ZARR01/sub-ZARR01_ses-01_pose.zarr/${k}`)
        .sort(),
    );
    expect(items.find((i) => i.path === '000474/README.txt')?.dandiEtag).toMatch(/-1$/);
    // --include/--exclude apply to the objects' paths below the named target.
    const chunks = await planDownloads(
      archive,
      ['dandi://ember-dandi/000474@draft/sub-ZARR01/sub-ZARR01_ses-01_pose.zarr'],
      {
        include: ['*/nose/*'],
        exclude: ['*/nose/.z*'],
      },
    );
    expect(chunks.map((i) => i.path)).toEqual([
      'sub-ZARR01_ses-01_pose.zarr/nose/0.0',
      'sub-ZARR01_ses-01_pose.zarr/nose/1.0',
      'sub-ZARR01_ses-01_pose.zarr/nose/2.0',
    ]);
    const dest = join(base, 'zarr');
    const report = await downloadItems(items, { dest });
    expect(report.failed).toBe(0);
    const zarrOutcomes = report.outcomes.filter((o) => o.path.includes('.zarr/'));
    expect(zarrOutcomes.every((o) => o.verifiedBy === 'md5')).toBe(true);
    // The files on disk give back the asset's dandi-zarr-checksum, computed here by core's own implementation of
    // dandi/zarr_checksum's algorithm (the sample archive's is a separate one), as dandi-cli checks it.
    const asset = await archive.dandi().resolvePath('000474', 'draft', 'sub-ZARR01/sub-ZARR01_ses-01_pose.zarr');
    const files = await Promise.all(
      zarrPaths.map(async (p) => {
        const bytes = await readFile(join(dest, p));
        return {
          path: p.split('.zarr/')[1] ?? '',
          size: bytes.byteLength,
          md5: createHash('md5').update(bytes).digest('hex'),
        };
      }),
    );
    expect(zarrChecksum(files)).toBe(asset.digests['dandi:dandi-zarr-checksum']);
  });

  it("refuses a Zarr whose listed objects do not give the archive's checksum, before fetching anything", async () => {
    const world = await buildWorld({ generators, cache: false });
    const zarr = world.catalog.assets.find((a) => a.zarr !== null)?.zarr;
    // An object the archive's checksum does not count (a listing that gained one, as a stale or foreign upload would).
    world.store.putBytes(`${zarr?.prefix}nose/9.0`, new Uint8Array(400));
    const served = await serveWorld(world);
    try {
      const other = createArchive(loadConfig({}, { apiUrl: served.api, s3Endpoint: served.s3 }));
      const error = await planDownloads(other, ['dandi://ember-dandi/000474@draft/sub-ZARR01/']).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(IntegrityError);
      expect((error as IntegrityError).message).toMatch(
        /^The objects under s3:\/\/ember-open-data\/zarr\/.* are not the Zarr asset/,
      );
    } finally {
      await served.close();
    }
  });

  it('downloads bucket objects verified by their MD5 ETag', async () => {
    const dest = join(base, 'bucket');
    const items = await planDownloads(archive, [`s3://${sample.bucket}/other/kumar2025/pose_files/`]);
    const report = await downloadItems(items, { dest });
    expect(report.failed).toBe(0);
    expect(report.outcomes.every((o) => o.verifiedBy === 'md5')).toBe(true);
  });
});
