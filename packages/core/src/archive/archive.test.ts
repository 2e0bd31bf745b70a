// The Archive seam, the bucket client and the DANDI client against the sample archive's servers on loopback:
// listings at every depth, pagination past 1,000 entries, path resolution with digests, the embargoed dandiset.
// The world's HDF5 files are replaced by small stand-ins: listings and digests do not depend on their content.
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSampleArchive, type RunningSampleArchive, type WorldGenerators } from '@ember-archive/sample-archive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BucketClient } from '../bucket/bucket-client.js';
import { loadConfig, type Config } from '../config.js';
import { createDandiClient } from '../dandi/dandi-client.js';
import { AuthRequiredError, InvalidInputError, NetworkError, NotFoundError, ZarrAssetError } from '../errors.js';
import { createArchive, type Archive, type ArchiveEntry } from './archive.js';
import { nodeLocalFiles } from './local-files.js';
import { openByteSource } from '../source/open-source.js';

const text = (s: string) => new TextEncoder().encode(s);
const generators: WorldGenerators = {
  jabsPose: (p) => text(`stand-in JABS pose v${p.version} seed ${p.seed}`),
  nwbPose: (p) => text(`stand-in NWB ${p.subjectId} ${p.sessionId} ${p.timing}`),
};

let sample: RunningSampleArchive;
let config: Config;
let archive: Archive;

beforeAll(async () => {
  sample = await startSampleArchive({ generators, cache: false });
  config = loadConfig({ EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3 }, { retryBaseMs: 1, maxAttempts: 2 });
  archive = createArchive(config, { localFiles: nodeLocalFiles });
});
afterAll(async () => {
  await sample?.close();
});

async function collect(input: string, pageSize?: number): Promise<{ entries: ArchiveEntry[]; pages: number }> {
  const entries: ArchiveEntry[] = [];
  let pages = 0;
  for await (const page of archive.listEntries(archive.parse(input), pageSize === undefined ? {} : { pageSize })) {
    pages += 1;
    entries.push(...page);
  }
  return { entries, pages };
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

describe('bucket client', () => {
  it('lists one level at every depth with folders and objects apart', async () => {
    const bucket = new BucketClient(config.s3);
    const level = async (prefix: string) => {
      const folders: string[] = [];
      const objects: string[] = [];
      for await (const page of bucket.listPrefix(prefix)) {
        folders.push(...page.folders.map((f) => f.prefix));
        objects.push(...page.objects.map((o) => o.key));
      }
      return { folders, objects };
    };
    expect((await level('')).folders).toEqual(expect.arrayContaining(['blobs/', 'dandisets/', 'other/', 'tools/']));
    expect((await level('other/')).folders).toEqual(['other/kumar2025/']);
    const project = await level('other/kumar2025/');
    expect(project.folders).toEqual([
      'other/kumar2025/classifiers/',
      'other/kumar2025/pose_files/',
      'other/kumar2025/videos/',
    ]);
    expect(project.objects).toEqual(['other/kumar2025/index.html']);
    const poseFiles = await level('other/kumar2025/pose_files/');
    expect(poseFiles.folders).toEqual([]);
    expect(poseFiles.objects.length).toBeGreaterThan(0);
    expect(poseFiles.objects.every((k) => /_pose_est_v\d\.h5$/.test(k))).toBe(true);
  });

  it('pages through more than 1,000 blobs with continuation tokens', async () => {
    const bucket = new BucketClient(config.s3);
    let pages = 0;
    const keys: string[] = [];
    for await (const page of bucket.listPrefix('blobs/', { delimiter: null })) {
      pages += 1;
      expect(page.objects.length).toBeLessThanOrEqual(1000);
      keys.push(...page.objects.map((o) => o.key));
    }
    expect(keys.length).toBeGreaterThan(1000);
    expect(pages).toBe(Math.ceil(keys.length / 1000));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => /^blobs\/[0-9a-f]{3}\/[0-9a-f]{3}\/[0-9a-f-]{36}$/.test(k))).toBe(true);
  });

  it('HEADs objects and names missing keys', async () => {
    const bucket = new BucketClient(config.s3);
    const head = await bucket.headObject('other/kumar2025/index.html');
    expect(head.size).toBeGreaterThan(0);
    expect(head.etag).toMatch(/^[0-9a-f]{32}$/);
    const missing = await bucket.headObject('other/kumar2025/nope.h5').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).message).toBe('No object at s3://ember-open-data/other/kumar2025/nope.h5.');
  });
});

describe('listEntries', () => {
  it('puts the bucket projects and the dandisets side by side at the root', async () => {
    const { entries } = await collect('');
    expect(entries[0]).toMatchObject({
      name: 'kumar2025',
      kind: 'folder',
      uri: 's3://ember-open-data/other/kumar2025/',
    });
    const dandisets = entries.filter((e) => e.uri.startsWith('dandi://'));
    expect(dandisets.map((e) => e.name)).toEqual(expect.arrayContaining(['000463', '000470', '000472']));
    // Embargoed dandisets stay hidden without a key.
    expect(dandisets.map((e) => e.name)).not.toContain('000471');
    const d463 = dandisets.find((e) => e.name === '000463');
    expect(d463).toMatchObject({ kind: 'folder', uri: 'dandi://ember-dandi/000463' });
    expect(d463?.title).toMatch(/SYNTHETIC/);
    expect(d463?.fileCount).toBeGreaterThan(0);
    // The state the DANDI web UI shows: 000463 has only its draft, 000470 a published version.
    expect(d463?.status).toBe('draft');
    expect(dandisets.find((e) => e.name === '000470')?.status).toBe('published');
  });

  it('lists a dandiset folder by folder, with sizes and file counts that add up', async () => {
    const root = await collect('dandi://ember-dandi/000463@draft/');
    expect(root.entries.length).toBeGreaterThan(1);
    expect(root.entries.every((e) => e.kind === 'folder' && /^sub-ADPTM\d+$/.test(e.name))).toBe(true);
    const first = root.entries[0]!;
    expect(first.uri).toBe(`dandi://ember-dandi/000463@draft/${first.name}/`);
    const inside = await collect(first.uri);
    expect(inside.entries.every((e) => e.kind === 'file' && e.name.endsWith('.nwb'))).toBe(true);
    expect(inside.entries).toHaveLength(first.fileCount!);
    expect(inside.entries.reduce((sum, e) => sum + (e.size ?? 0), 0)).toBe(first.size);
  });

  it('takes the web-browser URL, EMBER-DANDI: and a folder without its slash alike', async () => {
    const viaDandi = await collect('dandi://ember-dandi/000463@draft/sub-ADPTM01/');
    const viaWeb = await collect('https://dandi.emberarchive.org/dandiset/000463/draft/files?location=sub-ADPTM01');
    const viaNoSlash = await collect('dandi://ember-dandi/000463@draft/sub-ADPTM01');
    expect(viaWeb.entries.map((e) => e.uri)).toEqual(viaDandi.entries.map((e) => e.uri));
    expect(viaNoSlash.entries.map((e) => e.uri)).toEqual(viaDandi.entries.map((e) => e.uri));
    // Without a version, the latest published one (else the draft) is pinned in the children's URIs.
    const published = await collect('EMBER-DANDI:000470');
    expect(published.entries[0]?.uri).toMatch(/^dandi:\/\/ember-dandi\/000470@0\.\d{6}\.\d{4}\//);
  });

  it('lists a file target as that file, as dandi-cli looks it up with assets/?path= (paths/ answers it with no rows)', async () => {
    const folder = await collect('dandi://ember-dandi/000463@draft/sub-ADPTM01/');
    const file = folder.entries.find((e) => e.kind === 'file');
    const listed = await collect(file?.uri ?? '');
    expect(listed.entries).toEqual([
      expect.objectContaining({ name: file?.name, kind: 'file', size: file?.size, uri: file?.uri }),
    ]);
    await expect(collect('dandi://ember-dandi/000463@draft/sub-ADPTM01/missing.nwb')).rejects.toThrow(NotFoundError);
  });

  it('lists a Zarr asset as a folder-like entry over its objects, and refuses to open it as a file', async () => {
    const inside = await collect('dandi://ember-dandi/000474@draft/sub-ZARR01/');
    const [zarr] = inside.entries;
    expect(zarr).toMatchObject({ name: 'sub-ZARR01_ses-01_pose.zarr', kind: 'folder', format: 'zarr' });
    expect(zarr?.uri).toMatch(new RegExp(`^s3://${sample.bucket}/zarr/[0-9a-f-]{36}/$`));
    // The same entry for the Zarr's path without a slash (a file target), and for a glob that matches it.
    expect((await collect('dandi://ember-dandi/000474@draft/sub-ZARR01/sub-ZARR01_ses-01_pose.zarr')).entries).toEqual([
      zarr,
    ]);
    const globbed = await collect(`${sample.api}/dandisets/000474/versions/draft/assets/?glob=*.zarr`);
    expect(globbed.entries).toEqual([zarr]);
    // Listing it lists the store's objects.
    const store = await collect(zarr?.uri ?? '');
    expect(store.entries.map((e) => `${e.name}${e.kind === 'folder' ? '/' : ''}`)).toEqual([
      'nose/',
      '.zattrs',
      '.zgroup',
    ]);
    // Where one file is needed, a typed error names the prefix instead of reading it as an object.
    const error = await archive
      .resolveFile(archive.parse('dandi://ember-dandi/000474@draft/sub-ZARR01/sub-ZARR01_ses-01_pose.zarr'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZarrAssetError);
    expect((error as ZarrAssetError).message).toMatch(
      /is a Zarr store, a folder of objects \(its objects are under s3:\/\/ember-open-data\/zarr\/[0-9a-f-]{36}\/\), not one file/,
    );
  });

  it('lists the assets a glob matches', async () => {
    const { entries } = await collect(`${sample.api}/dandisets/000463/versions/draft/assets/?glob=sub-ADPTM02/*`);
    expect(entries.length).toBe(2);
    expect(
      entries.every((e) => e.kind === 'file' && e.uri.startsWith('dandi://ember-dandi/000463@draft/sub-ADPTM02/')),
    ).toBe(true);
    await expect(
      archive.resolveFile(archive.parse(`${sample.api}/dandisets/000463/versions/draft/assets/?glob=*`)),
    ).rejects.toThrow(InvalidInputError);
  });

  it('lists nested BIDS folders with folders first', async () => {
    const root = await collect('dandi://ember-dandi/000470@draft/');
    const kinds = root.entries.map((e) => e.kind);
    expect(kinds.indexOf('file')).toBeGreaterThan(kinds.lastIndexOf('folder'));
    const deep = await collect('dandi://ember-dandi/000470@draft/sub-01/ses-01/behavior/');
    expect(deep.entries.map((e) => e.name)).toEqual(['sub-01_ses-01_behavior.nwb']);
  });

  it('follows next links through a folder of more than 1,000 entries', async () => {
    const { entries, pages } = await collect('dandi://ember-dandi/000472@draft/sub-MANY01/trials/');
    expect(entries).toHaveLength(1050);
    expect(pages).toBe(2);
    expect(new Set(entries.map((e) => e.name)).size).toBe(1050);
    const small = await collect('dandi://ember-dandi/000472@draft/sub-MANY01/trials/', 400);
    expect(small.pages).toBe(3);
    expect(small.entries.map((e) => e.uri)).toEqual(entries.map((e) => e.uri));
  });

  it('lists a bucket prefix, a key without its slash, and a single object', async () => {
    const project = await collect('s3://ember-open-data/other/kumar2025');
    expect(project.entries.map((e) => `${e.kind}:${e.name}`)).toEqual([
      'folder:classifiers',
      'folder:pose_files',
      'folder:videos',
      'file:index.html',
    ]);
    const https = await collect(`${sample.s3}/ember-open-data/other/kumar2025/`);
    expect(https.entries.map((e) => e.uri)).toEqual(project.entries.map((e) => e.uri));
    const one = await collect('s3://ember-open-data/other/kumar2025/index.html');
    expect(one.entries).toEqual([
      expect.objectContaining({
        kind: 'file',
        name: 'index.html',
        uri: 's3://ember-open-data/other/kumar2025/index.html',
      }),
    ]);
  });

  it('lists local folders', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ember-ls-'));
    try {
      await mkdir(join(dir, 'sub'));
      await writeFile(join(dir, 'a.h5'), 'abc');
      const { entries } = await collect(dir);
      expect(entries.map((e) => `${e.kind}:${e.name}:${e.size ?? ''}`)).toEqual(['folder:sub:', 'file:a.h5:3']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['dandi://ember-dandi/000999', NotFoundError, /Dandiset 000999 does not exist on ember-dandi/],
    [
      'dandi://ember-dandi/000463@draft/sub-NOPE/',
      NotFoundError,
      /Folder "sub-NOPE\/" in dandiset 000463@draft does not exist/,
    ],
    [
      'dandi://ember-dandi/000463@draft/sub-NOPE',
      NotFoundError,
      /There is no file or folder "sub-NOPE" in dandiset 000463@draft/,
    ],
    [
      's3://ember-open-data/other/nothing/',
      NotFoundError,
      /There is nothing under s3:\/\/ember-open-data\/other\/nothing\//,
    ],
    [
      's3://ember-open-data/other/nothing',
      NotFoundError,
      /There is no file or folder at s3:\/\/ember-open-data\/other\/nothing\./,
    ],
    ['dandi://ember-dandi/000471', AuthRequiredError, /embargoed or private on ember-dandi: set EMBER_DANDI_API_KEY/],
    ['000463', NotFoundError, /^There is no file or folder 000463; for the dandiset, use EMBER-DANDI:000463\.$/],
  ])('%s fails with one clear sentence', async (input, type, message) => {
    const error = await collect(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toMatch(message);
  });
});

describe('resolveFile', () => {
  it('resolves a dandiset path to its asset, digests and S3 key, and the bytes match the digests', async () => {
    const folder = await collect('dandi://ember-dandi/000463@draft/sub-ADPTM01/');
    const file = folder.entries[0]!;
    const location = await archive.resolveFile(file.target);
    expect(location.kind).toBe('remote');
    if (location.kind !== 'remote') return;
    expect(location.asset?.path).toBe(`sub-ADPTM01/${file.name}`);
    expect(location.size).toBe(file.size);
    expect(location.object?.bucket).toBe('ember-open-data');
    expect(location.object?.key).toMatch(/^blobs\/[0-9a-f]{3}\/[0-9a-f]{3}\/[0-9a-f-]{36}$/);
    expect(location.url).toBe(`${sample.s3}/ember-open-data/${location.object?.key}`);
    expect(location.asset?.downloadUrl).toBe(`${sample.api}/assets/${location.asset?.assetId}/download/`);
    const bytes = await fetchBytes(location.url);
    expect(bytes.byteLength).toBe(location.size);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(location.digests?.['dandi:sha2-256']);
    expect(location.digests?.['dandi:dandi-etag']).toMatch(/^[0-9a-f]{32}-1$/);

    // The API download URL of the same asset resolves to the same place.
    const byId = await archive.resolveFile(archive.parse(location.asset!.downloadUrl));
    expect(byId).toMatchObject({ kind: 'remote', url: location.url, size: location.size, digests: location.digests });
  });

  it('resolves bucket objects with HEAD and refuses folders', async () => {
    const location = await archive.resolveFile(archive.parse('s3://ember-open-data/other/kumar2025/index.html'));
    expect(location).toMatchObject({
      kind: 'remote',
      url: `${sample.s3}/ember-open-data/other/kumar2025/index.html`,
      object: { key: 'other/kumar2025/index.html' },
    });
    await expect(archive.resolveFile(archive.parse('s3://ember-open-data/other/'))).rejects.toThrow(InvalidInputError);
    await expect(archive.resolveFile(archive.parse('dandi://ember-dandi/000463@draft/sub-ADPTM01/'))).rejects.toThrow(
      /is a folder, not a file/,
    );
    await expect(
      archive.resolveFile(archive.parse('dandi://ember-dandi/000463@draft/sub-ADPTM01/none.nwb')),
    ).rejects.toThrow(/There is no file "sub-ADPTM01\/none.nwb" in dandiset 000463@draft/);
  });

  it('searches dandisets through the server when asked', async () => {
    const names = async (search: string) => {
      const listed: string[] = [];
      for await (const page of archive.listEntries({ kind: 'instance', instance: 'ember-dandi' }, { search }))
        listed.push(...page.map((e) => e.name));
      return listed;
    };
    expect(await names('sniff')).toEqual(['000463']);
    expect(await names('no such words anywhere')).toEqual([]);
  });

  it('opens the embargoed dandiset only with the key, its bytes through the download redirect', async () => {
    await expect(
      archive.resolveFile(archive.parse('dandi://ember-dandi/000471@draft/sub-EMB01/x.nwb')),
    ).rejects.toThrow(AuthRequiredError);
    const keyed = createArchive(
      loadConfig({ EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3, EMBER_DANDI_API_KEY: sample.apiKey }),
    );
    const listed: string[] = [];
    for await (const page of keyed.listEntries({ kind: 'instance', instance: 'ember-dandi' }))
      listed.push(...page.map((e) => e.name));
    expect(listed).toContain('000471');
    const entries: ArchiveEntry[] = [];
    for await (const page of keyed.listEntries(keyed.parse('dandi://ember-dandi/000471@draft/sub-EMB01/')))
      entries.push(...page);
    expect(entries.length).toBeGreaterThan(0);
    const location = await keyed.resolveFile(entries[0]!.target);
    if (location.kind !== 'remote') throw new Error('expected a remote file');
    expect(location.asset?.embargoed).toBe(true);
    // The API's redirect is a presigned URL; the blob's plain URL is denied like EMBER's tagged blobs.
    expect(new URL(location.url).searchParams.has('X-Amz-Signature')).toBe(true);
    const bytes = await fetchBytes(location.url);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(location.digests?.['dandi:sha2-256']);
    const plain = openByteSource(location.asset?.s3Url ?? '');
    await expect(plain.size()).rejects.toThrow(AuthRequiredError);
    await plain.close();
  });

  it('answers the dandi client endpoints with validated shapes', async () => {
    const client = createDandiClient(config);
    const info = await client.info();
    expect(info.services.api).toBe(sample.api);
    const versions: string[] = [];
    for await (const page of client.versions('000470')) versions.push(...page.results.map((v) => v.version));
    expect(versions).toContain('draft');
    expect(versions.some((v) => /^0\.\d{6}\.\d{4}$/.test(v))).toBe(true);
    const metadata = await client.versionMetadata('000463', 'draft');
    expect(metadata.name).toMatch(/SYNTHETIC/);
    const versionInfo = await client.versionInfo('000463', 'draft');
    expect(versionInfo.asset_count).toBeGreaterThan(0);
    let assets = 0;
    for await (const page of client.assets('000472', 'draft', { path: 'sub-MANY01/', pageSize: 1000 }))
      assets += page.results.length;
    expect(assets).toBe(1050);
    let searched = 0;
    for await (const page of client.dandisets({ search: 'BIDS' }))
      searched += page.results.filter((d) => d.identifier === '000470').length;
    expect(searched).toBe(1);
  });

  it('names the unreachable endpoint', async () => {
    // A port that was free a moment ago (fetch refuses "bad ports" such as 9 before trying them).
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const base = `http://127.0.0.1:${port}`;
    const offline = createArchive(
      loadConfig({ EMBER_API_URL: `${base}/api`, EMBER_S3_ENDPOINT: base }, { retryBaseMs: 1, maxAttempts: 1 }),
    );
    const s3Error = await (async () => {
      for await (const page of offline.listEntries(offline.parse('s3://ember-open-data/'))) void page;
    })().catch((e: unknown) => e);
    expect(s3Error).toBeInstanceOf(NetworkError);
    expect((s3Error as NetworkError).message).toBe(`Cannot reach the S3 endpoint ${base} (ECONNREFUSED).`);
    await expect(async () => {
      for await (const page of offline.listEntries(offline.parse('dandi://ember-dandi/000463'))) void page;
    }).rejects.toThrow(`Cannot reach ${base}/api/dandisets/000463/ (ECONNREFUSED).`);
  });
});
