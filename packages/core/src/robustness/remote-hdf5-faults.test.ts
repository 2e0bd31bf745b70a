// Remote HDF5 reads under the faults of a flaky link: the corpus served over loopback HTTP behind the fault proxy,
// over plain http and over https (the proxy's certificate trusted through NODE_EXTRA_CA_CERTS, tls-setup.ts).
// Every read either returns exactly what the local file gives, or ends in a typed error; nothing hangs.
// (Corrupted bytes are left out: ranged reads carry no digest, so flipped bits in raw data cannot be detected.)
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { corpusFileEntries } from '@ember-archive/sample-archive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmberError } from '../errors.js';
import { CORPUS_DIR } from '../hdf5/test-support/corpus.js';
import { openHdf5 } from '../hdf5/node/open-hdf5.js';
import { closeIdleHdf5Workers, openHdf5WorkerCount } from '../hdf5/node/worker-pool.js';
import { BlockCache } from '../source/block-cache.js';
import { randomFaults, startFaultProxy, type FaultProxy } from '../test-support/fault-proxy.js';
import { startStaticServer, type StaticServer } from '../test-support/static-server.js';
import { testServerCertificate } from '../test-support/test-tls.js';
import { reportRobustness } from './robustness-report.js';

const files = corpusFileEntries(CORPUS_DIR);

let server: StaticServer;

beforeAll(async () => {
  server = await startStaticServer(Object.fromEntries(files.map((f) => [`/${f.name}`, readFileSync(f.path)])));
});
afterAll(async () => {
  await server.close();
});

/** A fingerprint of everything a viewer reads: the tree, every dataset's description (fill value and bytes on disk
 * come from raw reads of the file format) and its values. */
async function fingerprint(target: string, remote: boolean): Promise<string> {
  const file = await openHdf5(target, {
    // A private cache per open, so a retry never reuses blocks fetched by an earlier attempt.
    cache: new BlockCache({ maxBytes: 32 * 2 ** 20 }),
    ...(remote ? { retry: { attempts: 8, baseDelayMs: 5, timeoutMs: 1500 } } : {}),
    operationTimeoutMs: 60_000,
  });
  try {
    const hash = createHash('sha256');
    for (const node of await file.walk()) {
      hash.update(`${node.path}:${node.kind}\n`);
      const json = (value: unknown): string =>
        JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
      if (node.kind === 'dataset')
        hash.update(json(await file.dataset(node.path)) + json((await file.read(node.path)).values));
    }
    return hash.digest('hex');
  } finally {
    await file.close();
  }
}

describe.each(['http', 'https'] as const)('remote HDF5 under injected faults over %s', (scheme) => {
  let proxy: FaultProxy;
  beforeAll(async () => {
    const picker = randomFaults(11, 0.5, ['status', 'throttle', 'reset', 'stall', 'truncate']);
    proxy = await startFaultProxy({
      upstream: server.url,
      picker,
      ...(scheme === 'https' ? { tls: testServerCertificate() } : {}),
    });
  });
  afterAll(async () => {
    await proxy.close();
  });

  it('reads every corpus file exactly as the local copy, or fails with a typed error', async () => {
    let same = 0;
    let typed = 0;
    const failures: string[] = [];
    for (const file of files) {
      const expected = await fingerprint(file.path, false);
      try {
        const got = await fingerprint(`${proxy.url}/${file.name}`, true);
        if (got === expected) same++;
        else failures.push(`${file.name}: values differ from the local file`);
      } catch (error) {
        if (error instanceof EmberError) typed++;
        else failures.push(`${file.name}: untyped ${String(error)}`);
      }
    }
    // Healthy closed files leave warm workers in the pool: end those, then nothing may be left.
    await closeIdleHdf5Workers();
    for (let i = 0; i < 50 && openHdf5WorkerCount() > 0; i++) await new Promise((r) => setTimeout(r, 20));
    const stats = proxy.stats();
    reportRobustness({
      suite: scheme === 'https' ? 'remote-hdf5-faults-tls' : 'remote-hdf5-faults',
      faults: stats.faults,
      inputs: files.length,
      failures: failures.length,
      same,
      typedErrors: typed,
      byKind: stats.byKind,
    });
    expect(failures).toEqual([]);
    // Typed errors alone would also pass: some files must come through the faults intact (an untrusted certificate
    // would fail every one of them).
    expect(same).toBeGreaterThan(0);
    expect(stats.faults).toBeGreaterThan(0);
    expect(openHdf5WorkerCount()).toBe(0);
  }, 120_000);
});
