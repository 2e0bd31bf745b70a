// The thread-less reader (edge mode): cache-only reads, EIO on a miss, fetch, retry. Same answers as the worker.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorruptFileError, NetworkError, NotFoundError, NotHdf5Error } from '../../errors.js';
import { BlockCache, CachedSource } from '../../source/block-cache.js';
import { HttpSource } from '../../source/http-source.js';
import { startStaticServer, type StaticServer } from '../../test-support/static-server.js';
import { openHdf5Edge } from './open-hdf5-edge.js';
import { openHdf5 } from '../node/open-hdf5.js';
import { corpusFiles, makeFixtures } from '../test-support/corpus.js';

let dir: string;
let server: StaticServer;
const corpus = corpusFiles();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ember-edge-'));
  makeFixtures(dir);
  server = await startStaticServer({
    '/features.h5': new Uint8Array(readFileSync(join(dir, 'features.h5'))),
    '/chunked.h5': new Uint8Array(readFileSync(join(dir, 'chunked.h5'))),
    ...Object.fromEntries(corpus.map((f) => [`/${f.name}`, new Uint8Array(readFileSync(f.path))])),
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function source(name: string, blockSize = 4096): CachedSource {
  return new CachedSource(
    new HttpSource(`${server.url}/${name}`, { probeBytes: blockSize, retry: { attempts: 1, timeoutMs: 2000 } }),
    {
      cache: new BlockCache({ blockSize }),
    },
  );
}

describe('openHdf5Edge', () => {
  it.each(corpus.map((f) => [f.name]))('walks %s like the worker does', async (name) => {
    const edge = await openHdf5Edge(source(name));
    const worker = await openHdf5(`${server.url}/${name}`);
    try {
      const nodes = await edge.walk();
      expect(nodes).toEqual(await worker.walk());
      const dataset = nodes.find(
        (n) => n.kind === 'dataset' && n.shape && n.shape.length > 0 && n.dtype !== 'compound',
      );
      if (dataset) expect(await edge.read(dataset.path)).toEqual(await worker.read(dataset.path));
      expect(await edge.attrs('/')).toEqual(await worker.attrs('/'));
      // A file of a few blocks comes whole with the first request; larger ones take rounds.
      const { requests, fileSize } = edge.stats();
      expect(requests).toBeGreaterThan(fileSize > 16_384 ? 1 : 0);
    } finally {
      await edge.close();
      await worker.close();
    }
  });

  it('reads selections, fetching the missing ranges of each call in parallel rounds', async () => {
    const file = await openHdf5Edge(source('chunked.h5'));
    try {
      const window = await file.read('/series', [[150_500, 151_500]]);
      expect((window.values as Int32Array)[999]).toBe(151_499);
      const whole = await file.read('/series');
      expect(whole.values).toEqual(Int32Array.from({ length: 200_000 }, (_, i) => i));
      await expect(file.read('/nothing')).rejects.toBeInstanceOf(NotFoundError);
    } finally {
      await file.close();
    }
  });

  it('gives typed errors for non-HDF5 bytes, truncation and a server that is gone', async () => {
    server.put(
      '/random.bin',
      Uint8Array.from({ length: 20_000 }, (_, i) => (i * 97) & 0xff),
    );
    await expect(openHdf5Edge(source('random.bin'))).rejects.toBeInstanceOf(NotHdf5Error);
    const whole = readFileSync(corpus[0]!.path);
    server.put('/cut.h5', new Uint8Array(whole.subarray(0, whole.length >> 1)));
    await expect(openHdf5Edge(source('cut.h5')).then((f) => f.walk())).rejects.toBeInstanceOf(CorruptFileError);

    const own = await startStaticServer({ '/f.h5': new Uint8Array(readFileSync(join(dir, 'features.h5'))) });
    const file = await openHdf5Edge(
      new CachedSource(
        new HttpSource(`${own.url}/f.h5`, { probeBytes: 1024, retry: { attempts: 1, timeoutMs: 1000 } }),
        {
          cache: new BlockCache({ blockSize: 1024 }),
          maxReadaheadBytes: 0,
        },
      ),
    );
    await own.close();
    await expect(file.read('/rows')).rejects.toBeInstanceOf(NetworkError);
    await file.close();
  });
});
