// Conformance with @aws-sdk/client-s3 (the client core uses): unsigned, path-style, against the EMBER layout.
import { createHash } from 'node:crypto';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  S3Client,
  paginateListObjectsV2,
  type ListObjectsV2CommandInput,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Server, type ListeningS3Server } from './server.js';
import { objectBytes } from './test-support/cli.js';
import { BIG_KEY, BLOB_COUNT, TEST_BUCKET, buildEmberLayout, type EmberLayout } from './test-support/ember-layout.js';

let layout: EmberLayout;
let server: ListeningS3Server;
let client: S3Client;
// S3 order written out independently of the server's compareKeys: UTF-8 bytes.
let allKeys: string[];

beforeAll(async () => {
  layout = buildEmberLayout();
  server = await createS3Server(layout.store).listen(0);
  client = new S3Client({
    endpoint: server.url,
    region: 'us-east-1',
    forcePathStyle: true,
    maxAttempts: 1,
    credentials: { accessKeyId: '', secretAccessKey: '' },
    signer: { sign: async (request) => request },
  });
  allKeys = [...layout.keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
});
afterAll(async () => {
  client.destroy();
  await server.close();
  layout.cleanup();
});

/** Every page of a ListObjectsV2 listing. */
async function listAll(input: Omit<ListObjectsV2CommandInput, 'Bucket'>, pageSize?: number) {
  const pages = [];
  for await (const page of paginateListObjectsV2(
    { client, ...(pageSize ? { pageSize } : {}) },
    { Bucket: TEST_BUCKET, ...input },
  )) {
    pages.push(page);
  }
  return {
    pages,
    keys: pages.flatMap((page) => (page.Contents ?? []).map((object) => object.Key!)),
    prefixes: pages.flatMap((page) => (page.CommonPrefixes ?? []).map((prefix) => prefix.Prefix!)),
  };
}

describe('ListObjectsV2 through @aws-sdk/client-s3', () => {
  it('pages through every key in UTF-8 byte order, 1,000 at a time, with sizes and MD5 ETags', async () => {
    const { pages, keys } = await listAll({});
    expect(keys).toEqual(allKeys);
    expect(keys.length).toBeGreaterThan(BLOB_COUNT);
    expect(pages.map((page) => page.KeyCount)).toEqual([1000, 1000, allKeys.length - 2000]);
    expect(pages.map((page) => page.IsTruncated)).toEqual([true, true, false]);
    const objects = pages.flatMap((page) => page.Contents ?? []);
    for (const object of objects.filter((o, i) => i % 50 === 0 || !o.Key!.startsWith('blobs/'))) {
      const bytes = await objectBytes(layout.store, object.Key!);
      expect(object.Size).toBe(bytes.length);
      expect(object.ETag).toBe(`"${createHash('md5').update(bytes).digest('hex')}"`);
    }
  });

  it('rolls up at every depth: a Delimiter walk from the root finds every key exactly once', async () => {
    // Walking all ~1,900 blobs/<3hex>/ folders costs thousands of requests; every 25th one is walked instead.
    const walked = (folder: string, index: number): boolean =>
      !/^blobs\/[0-9a-f]{3}\/$/.test(folder) || index % 25 === 0;
    const found: string[] = [];
    const expectedFolders = new Set<string>();
    const visit = async (prefix: string): Promise<void> => {
      const { keys, prefixes } = await listAll({ Prefix: prefix, Delimiter: '/' });
      found.push(...keys);
      for (const [index, child] of prefixes.entries()) {
        // One level deeper than the prefix, exactly: `<prefix><name>/`.
        expect(child.startsWith(prefix), child).toBe(true);
        expect(child.slice(prefix.length), child).toMatch(/^[^/]+\/$/);
        if (walked(child, index)) {
          expectedFolders.add(child);
          await visit(child);
        }
      }
    };
    const top = await listAll({ Delimiter: '/' });
    expect(top.prefixes).toEqual(['blobs/', 'dandisets/', 'other/', 'tools/']);
    expect(top.keys).toEqual([]);
    expect((await listAll({ Prefix: 'other/', Delimiter: '/' })).prefixes).toEqual(['other/kumar2025/']);
    const project = await listAll({ Prefix: 'other/kumar2025/', Delimiter: '/' });
    expect(project.prefixes).toEqual([
      'other/kumar2025/classifiers/',
      'other/kumar2025/pose_files/',
      'other/kumar2025/videos/',
    ]);
    expect(project.keys).toEqual(['other/kumar2025/index.html']);
    await visit('');
    const reachable = allKeys.filter((key) => !key.startsWith('blobs/') || expectedFolders.has(key.slice(0, 10)));
    expect(reachable.length).toBeGreaterThan(100);
    expect(found.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))).toEqual(reachable);
  });

  it('pages common prefixes too: blobs/ has more than 1,000 of them', async () => {
    const { pages, prefixes } = await listAll({ Prefix: 'blobs/', Delimiter: '/' });
    const expected = [...new Set(allKeys.filter((key) => key.startsWith('blobs/')).map((key) => key.slice(0, 10)))];
    expect(prefixes).toEqual(expected);
    expect(expected.length).toBeGreaterThan(1000);
    expect(pages.length).toBe(2);
  });

  it('gives the same listing whatever the page size, never more items than MaxKeys a page', async () => {
    for (const [prefix, delimiter] of [
      ['other/kumar2025/', '/'],
      ['blobs/', '/'],
      ['other/', undefined],
    ] as const) {
      const whole = await listAll({ Prefix: prefix, ...(delimiter ? { Delimiter: delimiter } : {}) });
      const small = await listAll({ Prefix: prefix, ...(delimiter ? { Delimiter: delimiter } : {}) }, 7);
      expect(small.keys).toEqual(whole.keys);
      expect(small.prefixes).toEqual(whole.prefixes);
      for (const page of small.pages) expect(page.KeyCount ?? 0).toBeLessThanOrEqual(7);
    }
  });

  it('honours StartAfter and url-encodes keys on request', async () => {
    const after = await client.send(
      new ListObjectsV2Command({ Bucket: TEST_BUCKET, Prefix: 'other/', StartAfter: 'other/kumar2025/pose_files/' }),
    );
    expect(after.Contents!.map((object) => object.Key)).toEqual(
      allKeys.filter((key) => key.startsWith('other/') && key > 'other/kumar2025/pose_files/'),
    );
    const encoded = await client.send(
      new ListObjectsV2Command({ Bucket: TEST_BUCKET, Prefix: 'other/kumar2025/videos/', EncodingType: 'url' }),
    );
    const decoded = encoded.Contents!.map((object) => decodeURIComponent(object.Key!));
    expect(decoded).toEqual(allKeys.filter((key) => key.startsWith('other/kumar2025/videos/')));
    expect(encoded.Contents!.some((object) => object.Key!.includes('%20'))).toBe(true);
  });
});

describe('ListObjects (v1) through @aws-sdk/client-s3', () => {
  it('pages with markers: NextMarker with a delimiter, the last key without one', async () => {
    for (const delimiter of [undefined, '/']) {
      const items: string[] = [];
      let marker: string | undefined;
      for (let pages = 0; ; pages += 1) {
        expect(pages).toBeLessThan(100);
        const page = await client.send(
          new ListObjectsCommand({
            Bucket: TEST_BUCKET,
            Prefix: 'blobs/',
            MaxKeys: 400,
            Marker: marker,
            ...(delimiter ? { Delimiter: delimiter } : {}),
          }),
        );
        const keys = (page.Contents ?? []).map((object) => object.Key!);
        const prefixes = (page.CommonPrefixes ?? []).map((prefix) => prefix.Prefix!);
        items.push(...keys, ...prefixes);
        if (!page.IsTruncated) break;
        expect(page.NextMarker).toBe(delimiter ? [...keys, ...prefixes].sort().at(-1) : undefined);
        marker = page.NextMarker ?? keys.at(-1);
      }
      const blobs = allKeys.filter((key) => key.startsWith('blobs/'));
      expect(items).toEqual(delimiter ? [...new Set(blobs.map((key) => key.slice(0, 10)))] : blobs);
    }
  });
});

describe('HEAD and GET through @aws-sdk/client-s3', () => {
  it('heads the 9 MiB file-backed object', async () => {
    const head = await client.send(new HeadObjectCommand({ Bucket: TEST_BUCKET, Key: BIG_KEY }));
    const bytes = await objectBytes(layout.store, BIG_KEY);
    expect(head.ContentLength).toBe(bytes.length);
    expect(head.ETag).toBe(`"${createHash('md5').update(bytes).digest('hex')}"`);
    expect(head.LastModified?.toISOString()).toBe('2025-06-01T12:00:00.000Z');
    expect(head.AcceptRanges).toBe('bytes');
  });

  it('reads byte ranges', async () => {
    const bytes = await objectBytes(layout.store, BIG_KEY);
    for (const [range, start, end] of [
      ['bytes=1000-1999', 1000, 1999],
      ['bytes=-16', bytes.length - 16, bytes.length - 1],
    ] as const) {
      const got = await client.send(new GetObjectCommand({ Bucket: TEST_BUCKET, Key: BIG_KEY, Range: range }));
      expect(got.ContentRange).toBe(`bytes ${start}-${end}/${bytes.length}`);
      expect(Buffer.from(await got.Body!.transformToByteArray()).equals(bytes.subarray(start, end + 1))).toBe(true);
    }
  });

  it('gets keys with spaces, + and characters outside the BMP', async () => {
    for (const key of allKeys.filter((k) => k.startsWith('other/'))) {
      const got = await client.send(new GetObjectCommand({ Bucket: TEST_BUCKET, Key: key }));
      const body = Buffer.from(await got.Body!.transformToByteArray());
      expect(body.equals(await objectBytes(layout.store, key)), key).toBe(true);
    }
  });

  it('reports missing keys as NoSuchKey (GET) and NotFound (HEAD)', async () => {
    await expect(
      client.send(new GetObjectCommand({ Bucket: TEST_BUCKET, Key: 'tools/missing' })),
    ).rejects.toMatchObject({ name: 'NoSuchKey' });
    await expect(
      client.send(new HeadObjectCommand({ Bucket: TEST_BUCKET, Key: 'tools/missing' })),
    ).rejects.toMatchObject({
      name: 'NotFound',
      $metadata: { httpStatusCode: 404 },
    });
  });
});
