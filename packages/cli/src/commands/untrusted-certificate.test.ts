// The sample archive over https (--tls) with a CA this process does not trust (made at start, so no
// NODE_EXTRA_CA_CERTS names it): listing and downloading from the bucket fail with one sentence that says how to
// trust the CA, not with "Cannot reach the S3 endpoint".
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSampleArchive, type RunningSampleArchive, type WorldGenerators } from '@ember-archive/sample-archive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from './test-support/run-main.js';

const text = (s: string) => new TextEncoder().encode(s);
const generators: WorldGenerators = {
  jabsPose: (p) => text(`stand-in JABS v${p.version} ${p.seed}`),
  nwbPose: (p) => text(`stand-in NWB ${p.subjectId} ${p.sessionId}`),
};

let sample: RunningSampleArchive;
let base: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'ember-cli-tls-'));
  sample = await startSampleArchive({ generators, cache: false, tls: true });
});
afterAll(async () => {
  await sample?.close();
  await rm(base, { recursive: true, force: true });
});

const run = (...argv: string[]) => runMain(argv, { env: { EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3 } });
const sentence = (url: string) =>
  `The TLS certificate of ${url} is not trusted (unable to verify the first certificate); ` +
  "if a private CA issued it, set NODE_EXTRA_CA_CERTS to that CA's certificate file (PEM).";

describe('an https archive whose CA is not trusted', () => {
  it('ls prints one sentence saying how to trust the CA, and its code under --json', async () => {
    const listing = `${sample.s3}/${sample.bucket}/other/`;
    const plain = await run('ls', `s3://${sample.bucket}/other/`);
    expect(plain).toEqual({ code: 1, stdout: '', stderr: `ember-archive: ${sentence(listing)}\n` });
    const json = await run('ls', `s3://${sample.bucket}/other/`, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stderr)).toEqual({ error: { code: 'untrusted-certificate', message: sentence(listing) } });
  });

  it('download says the same and writes nothing', async () => {
    const dest = join(base, 'dest');
    const key = 'other/kumar2025/index.html';
    const result = await run('download', `s3://${sample.bucket}/${key}`, '--dest', dest);
    // The object's URL, or the prefix URL that planning lists first to see whether the key is a folder.
    const url = `${sample.s3}/${sample.bucket}/${key}`;
    expect({ ...result, stderr: '' }).toEqual({ code: 1, stdout: '', stderr: '' });
    expect([url, `${url}/`].map((u) => `ember-archive: ${sentence(u)}\n`)).toContain(result.stderr);
    expect(await readdir(dest).catch(() => [])).toEqual([]);
  });

  it('a dandiset listing through the DANDI API says the same, without retrying', async () => {
    const result = await run('ls', 'EMBER-DANDI:000463');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ember-archive: The TLS certificate of https:\/\/\S+ is not trusted \(/);
    expect(result.stderr).toContain("set NODE_EXTRA_CA_CERTS to that CA's certificate file (PEM).");
  });
});
