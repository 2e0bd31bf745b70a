// `ember-archive serve` in process: it prints its URL, serves the API over the archive the flags name, and closes
// when told to stop; a bad --port is one sentence.
import { startSampleArchive, type RunningSampleArchive } from '@ember-archive/sample-archive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIo } from './command.js';
import { runServe } from './serve.js';

let sample: RunningSampleArchive;
beforeAll(async () => {
  sample = await startSampleArchive();
});
afterAll(async () => {
  await sample?.close();
});

function io(): CommandIo & { out: () => string } {
  let out = '';
  const stream = { write: (chunk: string) => ((out += chunk), true) } as unknown as NodeJS.WritableStream;
  return { stdout: stream, stderr: stream, env: {}, out: () => out };
}

describe('ember-archive serve', () => {
  it('serves the API over the archive named by --api and --s3-endpoint, prints its URL, and stops', async () => {
    const output = io();
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let url = '';
    const running = runServe(
      { positionals: [], values: { port: '0', api: sample.api, 's3-endpoint': sample.s3, web: '.' } },
      output,
      stopped,
      (server) => (url = server.url),
    );
    await expect.poll(() => url).not.toBe('');
    expect(output.out()).toContain(`ember-archive API at ${url}/v1`);
    const page = (await (
      await fetch(`${url}/v1/list?id=${encodeURIComponent('dandi://ember-dandi/000470@draft/')}`)
    ).json()) as {
      entries: { name: string }[];
    };
    expect(page.entries.map((e) => e.name)).toContain('sub-01');
    stop();
    expect(await running).toBe(0);
    await expect(fetch(`${url}/v1/health`)).rejects.toThrow();
  });

  it('refuses a port that is not one', async () => {
    await expect(runServe({ positionals: [], values: { port: 'eighty' } }, io(), Promise.resolve())).rejects.toThrow(
      '--port must be a port number (0-65535), not "eighty".',
    );
  });
});
