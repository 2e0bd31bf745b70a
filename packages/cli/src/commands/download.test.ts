// `ember-archive download` end to end against the sample archive.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSampleArchive, type RunningSampleArchive, type WorldGenerators } from '@ember-archive/sample-archive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from './test-support/run-main.js';

const bytesFor = (seed: number, size: number) => {
  const bytes = new Uint8Array(size);
  let x = seed >>> 0;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
};
const generators: WorldGenerators = {
  jabsPose: (p) => bytesFor(p.seed, 20_000),
  nwbPose: (p) => bytesFor(p.seed, 90_000 + (p.seed % 1000)),
};

let sample: RunningSampleArchive;
let base: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'ember-cli-dl-'));
  sample = await startSampleArchive({ generators, cache: false });
});
afterAll(async () => {
  await sample?.close();
  await rm(base, { recursive: true, force: true });
});

/** In front of the sample S3 server: listings and HEADs pass, every ranged GET (a download) gets a 404. */
async function startRefusingS3(upstream: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.headers.range) return void res.writeHead(404).end();
    const forward = request(
      new URL(req.url ?? '/', upstream),
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const run = (...argv: string[]) => runMain(argv, { env: { EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3 } });

describe('ember-archive download', () => {
  it('prints the plan with --dry-run and moves nothing', async () => {
    const dest = join(base, 'dry');
    const { code, stdout } = await run(
      'download',
      'dandi://ember-dandi/000463@draft/sub-ADPTM01/',
      '--dest',
      dest,
      '--dry-run',
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^missing\s+\S+ \S+\s+sub-ADPTM01\/sub-ADPTM01_ses-20240301T101000_behavior\+image\.nwb/m);
    expect(stdout).toMatch(/2 files, \d+(\.\d+)? KB to .*; \d+(\.\d+)? KB to fetch\n$/);
    await expect(
      readFile(join(dest, 'sub-ADPTM01', 'sub-ADPTM01_ses-20240301T101000_behavior+image.nwb')),
    ).rejects.toThrow();
    const json = await run(
      'download',
      'dandi://ember-dandi/000463@draft/sub-ADPTM01/',
      '--dest',
      dest,
      '--dry-run',
      '--json',
    );
    expect(JSON.parse(json.stdout).plan).toMatchObject({ files: 2, present: 0 });
  });

  it('downloads verified files with NDJSON progress, then finds them all present', async () => {
    const dest = join(base, 'json');
    const { code, stdout } = await run(
      'download',
      'EMBER-DANDI:000463/draft',
      '--dest',
      dest,
      '--jobs',
      '3',
      '--include',
      'sub-ADPTM02/*',
      '--json',
    );
    expect(code).toBe(0);
    const events = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; outcome?: { path: string; status: string; digest: string } });
    expect(events[0]).toMatchObject({ type: 'start', files: 2 });
    expect(events.at(-1)).toMatchObject({ type: 'done', report: { downloaded: 2, failed: 0 } });
    const done = events.filter((e) => e.type === 'file-done').map((e) => e.outcome!);
    for (const outcome of done) {
      const bytes = await readFile(join(dest, outcome.path));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(outcome.digest);
    }
    const again = await run('download', 'EMBER-DANDI:000463/draft', '--dest', dest, '--include', 'sub-ADPTM02/*');
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(
      /2 files, .*2 already present .*; 0 B to fetch\n0 downloaded, 2 already present; fetched 0 B/,
    );
  });

  it('verifies the dandi-etag instead of the SHA-256 with --digest dandi-etag', async () => {
    const dest = join(base, 'etag');
    const { code, stdout } = await run(
      'download',
      'EMBER-DANDI:000463/draft',
      '--dest',
      dest,
      '--include',
      'sub-ADPTM02/*',
      '--digest',
      'dandi-etag',
      '--json',
    );
    expect(code).toBe(0);
    const done = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; outcome?: { verifiedBy: string; digest: string } })
      .filter((e) => e.type === 'file-done');
    expect(done.length).toBe(2);
    for (const { outcome } of done)
      expect(outcome).toMatchObject({ verifiedBy: 'dandi-etag', digest: expect.stringMatching(/^[0-9a-f]{32}-1$/) });
  });

  it('reports each failed file in one line and exits 1', async () => {
    const refusing = await startRefusingS3(sample.s3);
    try {
      const dest = join(base, 'failing');
      const { code, stderr } = await run(
        'download',
        `s3://${sample.bucket}/other/kumar2025/pose_files/`,
        '--dest',
        dest,
        '--include',
        '*_v[23].h5',
        '--s3-endpoint',
        refusing.url,
      );
      expect(code).toBe(1);
      const failures = stderr.split('\n').filter((line) => line.startsWith('ember-archive: failed '));
      expect(failures.length).toBeGreaterThan(0);
      for (const line of failures)
        expect(line).toMatch(/^ember-archive: failed pose_files\/\S.*: .* does not exist \(HTTP 404\)\.$/);
      expect(stderr).toMatch(new RegExp(`${failures.length} failed`));
    } finally {
      await new Promise((resolve) => refusing.server.close(resolve));
    }
  });

  it('rejects bad input with one line and exit code 2', async () => {
    for (const argv of [
      ['download'],
      ['download', 'x', '--jobs', '0'],
      ['download', 'dandi://ember-dandi/', '--dest', base],
      ['download', 's3://b/k', '--include', 'a[b'],
      ['download', 's3://b/k', '--digest', 'md5'],
    ]) {
      const { code, stderr } = await run(...argv);
      expect(code).toBe(2);
      expect(stderr).toMatch(/^ember-archive: [^\n]+\n$/);
    }
  });
});
