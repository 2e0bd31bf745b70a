// The UI's services over @ember-archive/core, against the sample archive's S3 and DANDI servers on loopback.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArchive, loadConfig, type Archive } from '@ember-archive/core';
import type { DownloadEvent } from '@ember-archive/core/node';
import { startSampleArchive, type RunningSampleArchive } from '@ember-archive/sample-archive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListingEntry } from '../data.js';
import { createArchiveServices } from './archive-services.js';
import type { UiServices } from './ui-services.js';

let sample: RunningSampleArchive;
let archive: Archive;
let services: UiServices;
let dest: string;

beforeAll(async () => {
  sample = await startSampleArchive();
  archive = createArchive(loadConfig({ EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3 }));
  dest = await mkdtemp(join(tmpdir(), 'ember-ui-services-'));
  services = createArchiveServices(archive, dest);
}, 120_000);

afterAll(async () => {
  await sample?.close();
  if (dest) await rm(dest, { recursive: true, force: true });
});

describe('archive services', () => {
  it('downloads a file through the engine, with progress events, into the destination', async () => {
    const events: DownloadEvent[] = [];
    const report = await services.download(
      ['s3://ember-open-data/other/kumar2025/index.html'],
      dest,
      (e) => events.push(e),
      new AbortController().signal,
    );
    expect(report.failed).toBe(0);
    expect(events[0]).toMatchObject({ type: 'start', files: 1 });
    expect(events.at(-1)?.type).toBe('done');
    const written = await readFile(join(dest, 'index.html'), 'utf8');
    expect((await stat(join(dest, 'index.html'))).size).toBe(Buffer.byteLength(written));
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the test'));
    await expect(
      services.download(
        ['dandi://ember-dandi/000463@draft/'],
        join(dest, 'cancelled'),
        () => undefined,
        controller.signal,
      ),
    ).rejects.toThrow();
  });

  it('searches dandisets at the archive root and on an instance, and nowhere else', async () => {
    const found: ListingEntry[] = [];
    for await (const page of services.searchDandisets(undefined, 'sniff') ?? []) found.push(...page);
    expect(found.map((e) => e.name)).toEqual(['000463']);
    expect(found[0]?.uri).toMatch(/^dandi:\/\/ember-dandi\/000463/);
    expect(services.searchDandisets('s3://ember-open-data/other/', 'x')).toBeUndefined();
  });
});
