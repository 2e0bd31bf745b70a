// Conformance with rclone (Go, aws-sdk-go v1): ListObjects v1 and v2, ranged reads, copies with its own MD5
// check against our ETags. Configured by an on-the-fly remote, anonymous (no keys, env_auth=false).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createS3Server, type ListeningS3Server } from './server.js';
import { createCliSandbox, findClient, objectBytes, type CliSandbox } from './test-support/cli.js';
import { BIG_KEY, TEST_BUCKET, buildEmberLayout, type EmberLayout } from './test-support/ember-layout.js';

let layout: EmberLayout;
let server: ListeningS3Server;
let sandbox: CliSandbox;
let rcloneBinary: string;
let rclone: (...args: string[]) => Promise<string>;
let remote: (path: string) => string;
let allKeys: string[];

beforeAll(async () => {
  rcloneBinary = findClient('rclone');
  layout = buildEmberLayout();
  server = await createS3Server(layout.store).listen(0);
  sandbox = createCliSandbox();
  rclone = (...args) => sandbox.run(rcloneBinary, ['--low-level-retries', '1', '--retries', '1', ...args]);
  remote = (path) => `:s3,provider=Other,endpoint='${server.url}',env_auth=false:${TEST_BUCKET}/${path}`;
  allKeys = [...layout.keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
});
afterAll(async () => {
  await server?.close();
  layout?.cleanup();
  sandbox?.cleanup();
});

const lines = (output: string): string[] => output.split('\n').filter((line) => line !== '');

describe.concurrent('rclone', { timeout: 60_000 }, () => {
  it.for(['1', '2'])('lists folders at every depth (list version %s)', async (version, { expect }) => {
    // rclone sorts entries itself, so compare as sets.
    const ls = (path: string) =>
      rclone('lsf', '--s3-list-version', version, remote(path)).then((out) => lines(out).sort());
    const [root, other, project, videos] = await Promise.all([
      ls(''),
      ls('other'),
      ls('other/kumar2025'),
      ls('other/kumar2025/videos'),
    ]);
    expect(root).toEqual(['blobs/', 'dandisets/', 'other/', 'tools/']);
    expect(other).toEqual(['kumar2025/']);
    expect(project).toEqual(['classifiers/', 'index.html', 'pose_files/', 'videos/']);
    expect(videos).toEqual(
      allKeys
        .filter((key) => key.startsWith('other/kumar2025/videos/'))
        .map((key) => key.slice(23))
        .sort(),
    );
  });

  // Version 1 walks folder by folder (a Delimiter listing at every depth, >1,000 prefixes under blobs/);
  // version 2 with --fast-list takes one flat listing over several 1,000-key pages.
  it.for([
    ['1', []],
    ['2', ['--fast-list']],
  ] as const)('lists every key recursively with sizes (list version %s %j)', async ([version, extra], { expect }) => {
    const output = await rclone('lsjson', '-R', '--files-only', '--s3-list-version', version, ...extra, remote(''));
    const entries = JSON.parse(output) as Array<{ Path: string; Size: number }>;
    expect(entries.length).toBe(allKeys.length);
    expect(entries.length).toBeGreaterThan(1000);
    expect(new Set(entries.map((entry) => entry.Path))).toEqual(new Set(allKeys));
    for (const entry of entries) expect(entry.Size, entry.Path).toBe(layout.store.get(entry.Path)!.size);
  });

  it('reads a byte range with cat --offset --count', async ({ expect }) => {
    const out = await sandbox.runBytes(rcloneBinary, ['cat', '--offset', '1000', '--count', '64', remote(BIG_KEY)]);
    const bytes = await objectBytes(layout.store, BIG_KEY);
    expect(out.equals(bytes.subarray(1000, 1064))).toBe(true);
  });

  it('copies a folder with odd names byte for byte, checking MD5 against the ETags', async ({ expect }) => {
    const target = join(sandbox.dir, 'copy');
    await rclone('copy', remote('other/kumar2025'), target);
    for (const key of allKeys.filter((k) => k.startsWith('other/kumar2025/'))) {
      const local = readFileSync(join(target, ...key.slice('other/kumar2025/'.length).split('/')));
      expect(local.equals(await objectBytes(layout.store, key)), key).toBe(true);
    }
  });

  it('reports ETags as the MD5 of the bytes (rclone md5sum)', async ({ expect }) => {
    const sums = lines(await rclone('md5sum', remote('other/kumar2025/pose_files')));
    expect(sums.length).toBe(2);
    for (const line of sums) {
      const [sum, name] = [line.slice(0, 32), line.slice(34)];
      const bytes = await objectBytes(layout.store, `other/kumar2025/pose_files/${name}`);
      expect(sum, name).toBe(createHash('md5').update(bytes).digest('hex'));
    }
  });
});
