// Malformed input through every reader: a seeded fuzz loop of truncated, bit-flipped and random copies of the
// corpus files through openHdf5 and the NWB and pose readers; malformed JSON from a fake DANDI API; bad
// identifiers. Each must end in a typed EmberError (or a correct result), never a crash, an untyped error, a hang
// or a worker left running. Bounded in count and time; EMBER_FUZZ_COUNT raises the count for the benchmark run.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { corpusFileEntries } from '@ember-archive/sample-archive';
import { afterAll, describe, expect, it } from 'vitest';
import { createArchive } from '../archive/archive.js';
import { parseTarget } from '../archive/target.js';
import { loadConfig } from '../config.js';
import { createDandiClient } from '../dandi/dandi-client.js';
import { planDownloads } from '../download/plan-targets.js';
import { CorruptFileError, EmberError } from '../errors.js';
import { openHdf5 } from '../hdf5/node/open-hdf5.js';
import { closeIdleHdf5Workers, openHdf5WorkerCount } from '../hdf5/node/worker-pool.js';
import type { ByteSource, FetchStats } from '../source/byte-source.js';
import { readNwbSummary } from '../nwb/summary.js';
import { detectPoseFormat, readPose } from '../pose/read-pose.js';
import { CORPUS_DIR } from '../hdf5/test-support/corpus.js';
import { mulberry32 } from '../test-support/fault-proxy.js';
import { reportRobustness } from './robustness-report.js';

const SEED = 20251125;
const FUZZ_COUNT = Number(process.env.EMBER_FUZZ_COUNT ?? 60);
const FUZZ_BUDGET_MS = Number(process.env.EMBER_FUZZ_BUDGET_MS ?? 40_000);
/** Longer than any single reader call should take on a damaged file before it gives up. */
const HANG_MS = 20_000;

/** Bytes in memory as a ByteSource, so the fuzz loop touches no disk. */
class MemorySource implements ByteSource {
  #requests = 0;
  constructor(
    readonly location: string,
    readonly bytes: Uint8Array,
  ) {}
  async size(): Promise<number> {
    return this.bytes.byteLength;
  }
  async read(offset: number, length: number): Promise<Uint8Array> {
    this.#requests++;
    return this.bytes.slice(offset, Math.min(this.bytes.byteLength, offset + length));
  }
  stats(): FetchStats {
    return { requests: this.#requests, bytesFetched: 0, cacheHits: 0, cacheMisses: 0 };
  }
  async close(): Promise<void> {}
}

function corpus(): Array<{ name: string; bytes: Uint8Array }> {
  return corpusFileEntries(CORPUS_DIR).map((f) => ({ name: `${f.folder}/${f.name}`, bytes: readFileSync(f.path) }));
}

type Mutation = 'truncate' | 'bit-flip' | 'header-flip' | 'random' | 'random-with-signature' | 'zero-run';
const MUTATIONS: Mutation[] = ['truncate', 'bit-flip', 'header-flip', 'random', 'random-with-signature', 'zero-run'];
const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** A damaged copy of `bytes`; every choice comes from `random`, so a seed replays the same inputs. */
export function mutate(bytes: Uint8Array, kind: Mutation, random: () => number): Uint8Array {
  const pick = (n: number) => Math.floor(random() * n);
  switch (kind) {
    case 'truncate':
      // Half the cuts land in the first 4 KiB (superblock, root group), the rest anywhere.
      return bytes.slice(0, random() < 0.5 ? pick(Math.min(4096, bytes.byteLength)) : pick(bytes.byteLength));
    case 'bit-flip':
    case 'header-flip': {
      const copy = bytes.slice();
      const span = kind === 'header-flip' ? Math.min(2048, copy.byteLength) : copy.byteLength;
      for (let i = 1 + pick(16); i > 0; i--) {
        const at = pick(span);
        copy[at] = copy[at]! ^ (1 << pick(8));
      }
      return copy;
    }
    case 'random':
    case 'random-with-signature': {
      const copy = new Uint8Array(1 + pick(bytes.byteLength));
      for (let i = 0; i < copy.byteLength; i++) copy[i] = pick(256);
      if (kind === 'random-with-signature') copy.set(HDF5_SIGNATURE.slice(0, Math.min(8, copy.byteLength)));
      return copy;
    }
    case 'zero-run': {
      const copy = bytes.slice();
      const start = pick(copy.byteLength);
      copy.fill(0, start, Math.min(copy.byteLength, start + 1 + pick(4096)));
      return copy;
    }
  }
}

/** Run `work`; an EmberError or success is fine, anything else (or a hang) is returned as a failure. */
async function contract(label: string, work: () => Promise<unknown>): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), HANG_MS)));
  try {
    const outcome = await Promise.race([work().then(() => 'ok' as const), hang]);
    return outcome === 'hang' ? `${label}: no answer within ${HANG_MS} ms` : undefined;
  } catch (error) {
    if (error instanceof EmberError && error.message.length > 0 && !error.message.includes('\n')) return undefined;
    return `${label}: ${error instanceof EmberError ? 'multi-line message' : 'untyped error'} ${String((error as Error)?.stack ?? error).slice(0, 400)}`;
  } finally {
    clearTimeout(timer);
  }
}

/** Everything a viewer would do with a file: open, walk, describe and read a little of each dataset, NWB, pose. */
async function readEverything(source: ByteSource): Promise<void> {
  const file = await openHdf5(source, { operationTimeoutMs: 15_000 });
  try {
    const nodes = await file.walk();
    for (const node of nodes.slice(0, 40)) {
      await file.attrs(node.path);
      if (node.kind !== 'dataset') continue;
      const info = await file.dataset(node.path);
      const shape = info.shape ?? [];
      // A small corner of each dataset: enough to decode its first chunk.
      await file.read(
        node.path,
        shape.length === 0 ? undefined : shape.map((n, i): [number, number] => [0, Math.min(n, i === 0 ? 8 : 4)]),
      );
    }
    await readNwbSummary(file).catch((error: unknown) => {
      if (!(error instanceof EmberError)) throw error;
    });
    if (await detectPoseFormat(file)) await readPose(file);
  } finally {
    await file.close();
  }
}

describe('malformed HDF5 through every reader (seeded fuzz)', () => {
  it(
    `ends every damaged file in a typed error or a result, with no worker left (seed ${SEED})`,
    async () => {
      const files = corpus();
      expect(files.length).toBeGreaterThan(0);
      const random = mulberry32(SEED);
      const failures: string[] = [];
      const byMutation: Record<string, number> = {};
      let tried = 0;
      let typedErrors = 0;
      const errorCodes: Record<string, number> = {};
      const started = Date.now();
      // Every file unmodified first: the readers must succeed on them.
      for (const file of files) {
        const failure = await contract(`${file.name} (intact)`, () =>
          readEverything(new MemorySource(file.name, file.bytes)),
        );
        if (failure) failures.push(failure);
      }
      while (tried < FUZZ_COUNT && Date.now() - started < FUZZ_BUDGET_MS) {
        const file = files[Math.floor(random() * files.length)]!;
        const kind = MUTATIONS[Math.floor(random() * MUTATIONS.length)]!;
        const bytes = mutate(file.bytes, kind, random);
        tried++;
        byMutation[kind] = (byMutation[kind] ?? 0) + 1;
        const label = `#${tried} ${kind} of ${file.name} (${bytes.byteLength} bytes)`;
        let typed = false;
        const failure = await contract(label, () =>
          readEverything(new MemorySource(label, bytes)).catch((error: unknown) => {
            typed = error instanceof EmberError;
            if (error instanceof EmberError) errorCodes[error.code] = (errorCodes[error.code] ?? 0) + 1;
            throw error;
          }),
        );
        if (typed) typedErrors++;
        if (failure) failures.push(failure);
      }
      // Closed or failed files must not leave h5wasm workers behind.
      // Healthy closed files leave warm workers in the pool: end those, then nothing may be left.
      await closeIdleHdf5Workers();
      for (let i = 0; i < 50 && openHdf5WorkerCount() > 0; i++) await new Promise((r) => setTimeout(r, 20));
      const leftWorkers = openHdf5WorkerCount();
      reportRobustness({
        suite: 'fuzz-hdf5',
        inputs: tried,
        failures: failures.length + leftWorkers,
        typedErrors,
        errorCodes,
        byMutation,
        seed: SEED,
      });
      expect(failures).toEqual([]);
      expect(leftWorkers).toBe(0);
      expect(tried).toBeGreaterThan(0);
    },
    FUZZ_BUDGET_MS + 4 * HANG_MS,
  );
});

describe('a damaged chunk index', () => {
  it("ends dataset() and storage() in CorruptFileError naming the file, and leaves the file's other datasets readable", async () => {
    const intact = readFileSync(join(CORPUS_DIR, 'jabs', 'sample_pose_est_v3.h5'));
    // Every version-1 B-tree node of raw-data chunks ("TREE", node type 1) loses its signature.
    const damaged = intact.slice();
    for (let at = damaged.indexOf('TREE'); at >= 0; at = damaged.indexOf('TREE', at + 4))
      if (damaged[at + 4] === 1) damaged[at + 3] = 0x21;
    const file = await openHdf5(new MemorySource('damaged-index.h5', damaged));
    try {
      const failure = await file.dataset('/poseest/points').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(CorruptFileError);
      expect((failure as CorruptFileError).message).toMatch(
        /^damaged-index\.h5 is truncated or damaged \(the chunk B-tree node at address \d+ lacks its TREE signature\)\.$/,
      );
      const storage = (file as unknown as { storage(path: string): Promise<unknown> }).storage('/poseest/points');
      await expect(storage).rejects.toBeInstanceOf(CorruptFileError);
      // Groups and attributes do not need the chunk index.
      expect((await file.walk()).length).toBeGreaterThan(3);
    } finally {
      await file.close();
    }
  });
});

/** A fake DANDI API that answers every request with one malformed body. */
function startFakeApi(
  answer: (path: string) => { status: number; body: string; type?: string },
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const { status, body, type } = answer(req.url ?? '/');
    res.writeHead(status, { 'content-type': type ?? 'application/json' }).end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, server }),
    ),
  );
}

const MALFORMED_BODIES: Array<[string, string, number?]> = [
  ['not JSON', 'this is not json'],
  ['truncated JSON', '{"count": 3, "next": null, "results": [{"identifier": "0004'],
  ['HTML error page', '<html><body>502 Bad Gateway</body></html>', 200],
  ['empty body', ''],
  ['a bare array', '[1, 2, 3]'],
  ['null', 'null'],
  ['results not a list', '{"count": 1, "next": null, "results": {"a": 1}}'],
  ['rows of the wrong type', '{"count": 2, "next": null, "results": [1, "two"]}'],
  ['missing fields', '{"count": 1, "next": null, "results": [{}]}'],
  [
    'wrong field types',
    '{"count": 1, "next": null, "results": [{"identifier": 463, "path": 7, "size": "big", "asset_id": null, "aggregate_size": "x"}]}',
  ],
  ['next link loops', '{"count": 9, "next": "SELF", "results": []}'],
  ['next is not a URL', '{"count": 9, "next": "::::", "results": []}'],
  ['metadata without digest or contentUrl', '{"identifier": "x", "path": "a.nwb", "contentSize": -5}'],
  ['a 500 with JSON', '{"detail": "boom"}', 500],
  ['a 404', '{"detail": "Not found."}', 404],
];

describe('malformed JSON from the DANDI API', () => {
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));
  let inputs = 0;
  const failures: string[] = [];
  afterAll(() => reportRobustness({ suite: 'malformed-dandi-json', inputs, failures: failures.length }));

  it.each(MALFORMED_BODIES)('every client call ends in a typed error on %s', async (_name, body, status = 200) => {
    let base = '';
    const fake = await startFakeApi((path) => ({
      status,
      body: body.replace('"SELF"', JSON.stringify(`${base}${path.replace(/^\/api/, '')}`)),
    }));
    base = fake.url;
    servers.push(fake.server);
    const config = loadConfig({}, { apiUrl: fake.url, s3Endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
    const client = createDandiClient(config);
    const archive = createArchive(config);
    const uuid = '0b7c3a9e-8c3a-4a7e-9d5c-4d1b2c3a4f5e';
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['info', () => client.info()],
      [
        'dandisets',
        async () => {
          for await (const _ of client.dandisets()) {
            /* drain */
          }
        },
      ],
      ['dandiset', () => client.dandiset('000463')],
      [
        'versions',
        async () => {
          for await (const _ of client.versions('000463')) {
            /* drain */
          }
        },
      ],
      [
        'listPaths',
        async () => {
          for await (const _ of client.listPaths('000463', 'draft', '')) {
            /* drain */
          }
        },
      ],
      [
        'assets',
        async () => {
          for await (const _ of client.assets('000463', 'draft')) {
            /* drain */
          }
        },
      ],
      ['assetMetadata', () => client.assetMetadata(uuid)],
      ['resolvePath', () => client.resolvePath('000463', 'draft', 'sub-01/a.nwb')],
      [
        'listEntries',
        async () => {
          for await (const _ of archive.listEntries(archive.parse('dandi://ember-dandi/000463@draft/'))) {
            /* drain */
          }
        },
      ],
      ['planDownloads', () => planDownloads(archive, ['dandi://ember-dandi/000463@draft/sub-01/'])],
    ];
    for (const [name, call] of calls) {
      inputs++;
      const settled = await call().then(
        () => 'ok' as const,
        (error: unknown) => (error instanceof EmberError ? ('typed' as const) : ('untyped' as const)),
      );
      // Succeeding on garbage is only acceptable where the garbage happens to be a valid empty answer.
      if (settled === 'untyped') failures.push(`${name}: untyped error`);
      expect(settled, `${name} on ${_name}`).not.toBe('untyped');
    }
  });
});

describe('bad identifiers', () => {
  const config = loadConfig({});
  const BAD = [
    'dandi://',
    'dandi://nope/000463',
    'dandi://ember-dandi/12',
    'dandi://ember-dandi/abcdef',
    'DANDI:',
    'EMBER-DANDI:46',
    's3://',
    's3:///key',
    'https://',
    'http://[::1',
    'https://dandiarchive.org/dandiset/',
    '\0',
    'dandi://ember-dandi/000463@/x',
    '%E0%A4%A',
    'file://%zz',
    'dandi://ember-dandi/000463@draft/../../etc/passwd',
  ];
  it('parse to a target or fail with a typed error, for a table and a seeded random loop', () => {
    const random = mulberry32(SEED);
    const alphabet = 'abcdefDANDI:/@#%.-_0123456789 \\?&=~é\u0000\uffff';
    const inputs = [...BAD];
    for (let i = 0; i < 2000; i++) {
      let s = ['dandi://', 's3://', 'https://', 'EMBER-DANDI:', ''][Math.floor(random() * 5)]!;
      for (let n = Math.floor(random() * 40); n > 0; n--) s += alphabet[Math.floor(random() * alphabet.length)];
      inputs.push(s);
    }
    const failures: string[] = [];
    let typed = 0;
    for (const input of inputs) {
      try {
        parseTarget(input, config);
      } catch (error) {
        if (error instanceof EmberError) typed++;
        else failures.push(`${JSON.stringify(input)}: ${String(error)}`);
      }
    }
    reportRobustness({
      suite: 'bad-identifiers',
      inputs: inputs.length,
      failures: failures.length,
      typedErrors: typed,
    });
    expect(failures).toEqual([]);
    expect(typed).toBeGreaterThanOrEqual(BAD.length - 4);
  });
});
