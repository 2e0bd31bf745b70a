// Conformance with Debian's aws CLI (botocore): `aws s3` and `aws s3api`, unsigned, against the EMBER layout.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createS3Server } from './server.js';
import { createCliSandbox, findClient, objectBytes, type CliSandbox } from './test-support/cli.js';
import { listenRecording, type RecordingServer } from './test-support/recording-server.js';
import { BIG_KEY, SPACED_KEY, TEST_BUCKET, buildEmberLayout, type EmberLayout } from './test-support/ember-layout.js';

let layout: EmberLayout;
let server: RecordingServer;
let sandbox: CliSandbox;
let aws: (...args: string[]) => Promise<string>;
let allKeys: string[];

beforeAll(async () => {
  const binary = findClient('aws');
  layout = buildEmberLayout();
  server = await listenRecording(createS3Server(layout.store).handler);
  sandbox = createCliSandbox();
  aws = (...args) =>
    sandbox.run(binary, [...args, '--no-sign-request', '--endpoint-url', server.url, '--output', 'json']);
  allKeys = [...layout.keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
});
afterAll(async () => {
  await server?.close();
  layout?.cleanup();
  sandbox?.cleanup();
});

const md5 = (bytes: Buffer): string => createHash('md5').update(bytes).digest('hex');
/** The names `aws s3 ls` prints, folders as `PRE name/`. */
const lsNames = (output: string): string[] =>
  output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) =>
      line.trim().startsWith('PRE ') ? `PRE ${line.trim().slice(4)}` : line.replace(/^\S+ \S+ +\d+ /, ''),
    );

// Concurrent: most of the time is the CLI starting up, not the server.
describe.concurrent('aws s3', { timeout: 60_000 }, () => {
  it('lists folders at every depth with `aws s3 ls`', async ({ expect }) => {
    const [root, project, videos] = await Promise.all([
      aws('s3', 'ls', `s3://${TEST_BUCKET}/`),
      aws('s3', 'ls', `s3://${TEST_BUCKET}/other/kumar2025/`),
      aws('s3', 'ls', `s3://${TEST_BUCKET}/other/kumar2025/videos/`),
    ]);
    expect(lsNames(root)).toEqual(['PRE blobs/', 'PRE dandisets/', 'PRE other/', 'PRE tools/']);
    expect(lsNames(project)).toEqual(['PRE classifiers/', 'PRE pose_files/', 'PRE videos/', 'index.html']);
    expect(lsNames(videos)).toEqual(
      allKeys.filter((key) => key.startsWith('other/kumar2025/videos/')).map((key) => key.slice(23)),
    );
  });

  it('lists more than 1,000 keys recursively, and more than 1,000 folders under blobs/', async ({ expect }) => {
    const [recursive, blobs] = await Promise.all([
      aws('s3', 'ls', '--recursive', `s3://${TEST_BUCKET}/`),
      aws('s3', 'ls', `s3://${TEST_BUCKET}/blobs/`),
    ]);
    expect(lsNames(recursive)).toEqual(allKeys);
    expect(lsNames(blobs).length).toBe(
      new Set(allKeys.filter((k) => k.startsWith('blobs/')).map((k) => k.slice(0, 10))).size,
    );
    expect(lsNames(blobs).length).toBeGreaterThan(1000);
  });

  it('copies files (the 9 MiB one in ranged parts, an empty one, odd names) byte for byte', async ({ expect }) => {
    // One invocation for all of them: each CLI start costs most of a second of CPU.
    const target = join(sandbox.dir, 'cp');
    await aws(
      's3',
      'cp',
      '--recursive',
      `s3://${TEST_BUCKET}/`,
      target,
      '--exclude',
      '*',
      '--include',
      'other/*',
      '--include',
      'tools/*',
    );
    // Past its 8 MiB multipart threshold the CLI fetches in ranged parts: the big file must have been read that way.
    const bigUrl = `/${TEST_BUCKET}/${BIG_KEY}`;
    const bigRanges = server.requests
      .filter((r) => r.method === 'GET' && decodeURIComponent(r.url) === bigUrl)
      .map((r) => r.range);
    expect(bigRanges.length).toBeGreaterThan(1);
    expect(bigRanges.every((range) => range?.startsWith('bytes='))).toBe(true);
    const copied = allKeys.filter((key) => key.startsWith('other/') || key.startsWith('tools/'));
    expect(copied).toContain(BIG_KEY);
    expect(copied).toContain('tools/empty.txt');
    for (const key of copied) {
      expect(readFileSync(join(target, ...key.split('/'))).equals(await objectBytes(layout.store, key)), key).toBe(
        true,
      );
    }
  });
});

describe.concurrent('aws s3api', { timeout: 60_000 }, () => {
  it('list-objects-v2 with --delimiter and --prefix', async ({ expect }) => {
    const out = JSON.parse(
      await aws(
        's3api',
        'list-objects-v2',
        '--bucket',
        TEST_BUCKET,
        '--delimiter',
        '/',
        '--prefix',
        'other/kumar2025/',
      ),
    );
    expect(out.CommonPrefixes.map((p: { Prefix: string }) => p.Prefix)).toEqual([
      'other/kumar2025/classifiers/',
      'other/kumar2025/pose_files/',
      'other/kumar2025/videos/',
    ]);
    expect(out.Contents.map((o: { Key: string }) => o.Key)).toEqual(['other/kumar2025/index.html']);
  });

  it('list-objects-v2 follows continuation tokens with --page-size and stops at --max-items', async ({ expect }) => {
    const blobs = allKeys.filter((key) => key.startsWith('blobs/'));
    const page = JSON.parse(
      await aws(
        's3api',
        'list-objects-v2',
        '--bucket',
        TEST_BUCKET,
        '--prefix',
        'blobs/',
        '--page-size',
        '100',
        '--max-items',
        '250',
      ),
    );
    expect(page.Contents.map((o: { Key: string }) => o.Key)).toEqual(blobs.slice(0, 250));
    const rest = JSON.parse(
      await aws(
        's3api',
        'list-objects-v2',
        '--bucket',
        TEST_BUCKET,
        '--prefix',
        'blobs/',
        '--page-size',
        '100',
        '--max-items',
        '250',
        '--starting-token',
        page.NextToken,
      ),
    );
    expect(rest.Contents.map((o: { Key: string }) => o.Key)).toEqual(blobs.slice(250, 500));
  });

  it('list-objects (v1) pages with markers', async ({ expect }) => {
    const out = JSON.parse(await aws('s3api', 'list-objects', '--bucket', TEST_BUCKET, '--page-size', '700'));
    expect(out.Contents.map((o: { Key: string }) => o.Key)).toEqual(allKeys);
  });

  it('head-object reports size and the MD5 ETag', async ({ expect }) => {
    const head = JSON.parse(await aws('s3api', 'head-object', '--bucket', TEST_BUCKET, '--key', SPACED_KEY));
    const bytes = await objectBytes(layout.store, SPACED_KEY);
    expect(head.ContentLength).toBe(bytes.length);
    expect(head.ETag).toBe(`"${md5(bytes)}"`);
    expect(head.AcceptRanges).toBe('bytes');
  });

  it('get-object --range writes exactly those bytes', async ({ expect }) => {
    const outfile = join(sandbox.dir, 'range.bin');
    const out = JSON.parse(
      await aws(
        's3api',
        'get-object',
        '--bucket',
        TEST_BUCKET,
        '--key',
        BIG_KEY,
        '--range',
        'bytes=4096-8191',
        outfile,
      ),
    );
    const bytes = await objectBytes(layout.store, BIG_KEY);
    expect(out.ContentRange).toBe(`bytes 4096-8191/${bytes.length}`);
    expect(readFileSync(outfile).equals(bytes.subarray(4096, 8192))).toBe(true);
  });

  it('head-object of a missing key fails with 404', async ({ expect }) => {
    await expect(aws('s3api', 'head-object', '--bucket', TEST_BUCKET, '--key', 'tools/missing')).rejects.toThrow(
      /404|Not Found/,
    );
  });
});
