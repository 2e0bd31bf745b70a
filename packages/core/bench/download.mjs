#!/usr/bin/env node
// Benchmark (issues 5 and 14, not in CI): download one 1 GiB object from the sample S3 server with ember-archive,
// Debian's awscli, rclone and curl in one run; then the download engine with and without verification, to price it.
// ember-archive runs twice: on the S3 object, whose only digest is its multipart ETag (= the dandi-etag), and on the
// same bytes as a DANDI asset of 000463's draft (both digests; the SHA-256 is verified by default).
// Three scenarios, each in one run of this script:
//   plain   the sample archive over http, unlimited (the table since issue 5);
//   tls     the same over https (`--tls`: a CA made at start; awscli --ca-bundle, rclone --ca-cert, curl --cacert,
//           ember-archive and the engine through NODE_EXTRA_CA_CERTS), as the real bucket is served;
//   rates   the server limited to each --rates value (a token bucket, `--rate`), engine verified against unverified
//           and curl as the peer: what a user on a real link sees, where the digest runs beside the transfer.
// The sample archive (S3 server + DANDI API) runs in its own process so no client shares its event loop. Besides wall
// time, each run records the CPU the tool used (user + system, all its threads and children) and the CPU the S3 server
// used meanwhile: on a shared two-core machine wall times swing with other work, CPU per GiB much less. Results:
// bench/results/download.json (the plain scenario at the top level, as before; `tls` and `rates` beside it).
//
//   node packages/core/bench/download.mjs [--size-mib 1024] [--runs 5] [--jobs 8] [--only NAME ...]
//        [--scenarios plain,tls,rates] [--rates 1gbit,100mbit] [--rate-size-mib 256] [--rate-runs 3] [--results FILE]
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');
const BUCKET = 'ember-open-data';
const KEY = 'bench/download-1gib.bin';
const DANDISET = '000463';
const ASSET_PATH = 'sub-BENCH01/sub-BENCH01_download-1gib.bin';
const SCENARIOS = ['plain', 'tls', 'rates'];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'size-mib': { type: 'string', default: '1024' },
    runs: { type: 'string', default: '5' },
    jobs: { type: 'string', default: '8' },
    // Run only these tools (names as in the table; repeat the option), e.g. to compare one lever before/after.
    only: { type: 'string', multiple: true },
    scenarios: { type: 'string', default: SCENARIOS.join(',') },
    // Link rates for the `rates` scenario, as the sample archive's --rate takes them.
    rates: { type: 'string', default: '1gbit,100mbit' },
    // A smaller object and fewer rounds at limited rates: 256 MiB take 2.1 s at 1 Gbit/s and 21 s at 100 Mbit/s.
    'rate-size-mib': { type: 'string', default: '256' },
    'rate-runs': { type: 'string', default: '3' },
    results: { type: 'string', default: join(repo, 'bench/results/download.json') },
  },
});

if (positionals[0] === 'serve')
  await serve(positionals[1], JSON.parse(positionals[2]), JSON.parse(positionals[3] ?? '{}'));
else if (positionals[0] === 'engine') await engine(JSON.parse(positionals[1]));
else await orchestrate();

/**
 * Child role: the sample archive (its cached world) with the file as s3://ember-open-data/bench/download-1gib.bin
 * and as an asset of 000463's draft, over https with `tls` and limited to `rate` bytes per second when given;
 * prints `{ s3, api, ca? }`.
 */
async function serve(path, digests, { tls = false, rate } = {}) {
  const dist = (file) => import(pathToFileURL(join(repo, 'packages/sample-archive/dist', file)).href);
  const { buildWorld, addFileAsset, serveWorld } = await dist('index.js');
  const { hdf5Generators } = await dist('world/generators.js');
  const world = await buildWorld({ generators: hdf5Generators });
  world.store.putFile(KEY, path, digests['dandi:dandi-etag']);
  addFileAsset(world, {
    dandiset: DANDISET,
    path: ASSET_PATH,
    file: path,
    digest: digests,
    encodingFormat: 'application/octet-stream',
  });
  const archive = await serveWorld(world, { ...(tls ? { tls: true } : {}), ...(rate ? { rate } : {}) });
  console.log(JSON.stringify({ s3: archive.s3, api: archive.api, ...(archive.caFile ? { ca: archive.caFile } : {}) }));
  process.on('SIGTERM', () => archive.close().then(() => process.exit(0)));
}

/** Child role: the download engine on one planned item, verification on or off. */
async function engine({ item, dest, jobs, verify, transport }) {
  const { downloadItems } = await import(pathToFileURL(join(repo, 'packages/core/dist/node.js')).href);
  const report = await downloadItems([item], { dest, jobs, verify, transport });
  if (report.failed) throw new Error(report.outcomes[0].error);
  console.log(JSON.stringify({ verifiedBy: report.outcomes[0].verifiedBy }));
}

async function orchestrate() {
  const size = Number(values['size-mib']) * 2 ** 20;
  const rateSize = Number(values['rate-size-mib']) * 2 ** 20;
  const runs = Number(values.runs);
  const jobs = Number(values.jobs);
  const scenarios = values.scenarios.split(',').filter(Boolean);
  for (const name of scenarios)
    if (!SCENARIOS.includes(name))
      throw new Error(`--scenarios: no scenario named "${name}" (${SCENARIOS.join(', ')})`);
  const { parseRate } = await import(pathToFileURL(join(repo, 'packages/sample-archive/dist/index.js')).href);
  const rates = values.rates
    .split(',')
    .filter(Boolean)
    .map((text) => ({ text, bytesPerSecond: parseRate(text) }));
  const work = await mkdtemp(join(tmpdir(), 'ember-bench-dl-'));
  const cleanup = [];
  try {
    const loadBefore = loadavg();
    const result = {
      benchmark: 'download',
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        node: process.version,
        loadAverageBefore: loadBefore,
        loadAverageAfter: null,
      },
      objectBytes: size,
      jobs,
      runs,
    };
    const objects = new Map();
    // One random object per size, written once and served by every scenario that uses that size.
    const objectOf = async (bytes) => {
      if (!objects.has(bytes)) {
        const path = join(work, `source-${bytes}.bin`);
        console.error(`bench/download: writing a ${bytes / 2 ** 20} MiB object ...`);
        objects.set(bytes, { path, bytes, digests: await writeRandomFile(path, bytes) });
      }
      return objects.get(bytes);
    };
    if (scenarios.includes('plain')) {
      const summary = await scenario('plain', {
        object: await objectOf(size),
        runs,
        jobs,
        work,
        cleanup,
        serve: {},
        tools: allToolNames(),
      });
      Object.assign(result, comparisons(summary));
    }
    if (scenarios.includes('tls')) {
      const summary = await scenario('tls', {
        object: await objectOf(size),
        runs,
        jobs,
        work,
        cleanup,
        serve: { tls: true },
        tools: allToolNames(),
      });
      result.tls = comparisons(summary);
    }
    if (scenarios.includes('rates')) {
      result.rates = {};
      for (const rate of rates) {
        for (const tls of [false, true]) {
          const name = `${rate.text}${tls ? ', tls' : ''}`;
          const tools = ['curl', 'engine, no verification', 'engine, sha2-256', 'engine, dandi-etag'];
          const summary = await scenario(name, {
            object: await objectOf(rateSize),
            runs: Number(values['rate-runs']),
            jobs,
            work,
            cleanup,
            serve: { tls, rate: rate.bytesPerSecond },
            tools,
          });
          result.rates[name] = {
            objectBytes: rateSize,
            bitsPerSecond: rate.bytesPerSecond * 8,
            ...comparisons(summary),
          };
        }
      }
    }
    result.machine.loadAverageAfter = loadavg();
    await mkdir(dirname(values.results), { recursive: true });
    await writeFile(values.results, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    for (const stop of cleanup) await stop();
    await rm(work, { recursive: true, force: true });
  }
}

function allToolNames() {
  return [
    'ember-archive, S3 object',
    'ember-archive, DANDI asset',
    'awscli',
    'rclone',
    'curl',
    'engine, no verification',
    'engine, sha2-256',
    'engine, dandi-etag',
    'engine, no verification, node:http',
  ];
}

/**
 * One scenario: start the sample archive as `serve` says, run each tool `runs` times round after round, stop it;
 * returns the per-tool summary. `--only` narrows the tools of every scenario.
 */
async function scenario(label, { object, runs, jobs, work, cleanup, serve: serveOptions, tools: toolNames }) {
  const { path, bytes: size, digests } = object;
  const server = await startServer(
    path,
    { 'dandi:dandi-etag': digests.dandiEtag, 'dandi:sha2-256': digests.sha256 },
    serveOptions,
  );
  cleanup.push(server.stop);
  try {
    const url = `${server.s3}/${BUCKET}/${KEY}`;
    const item = { path: 'object.bin', url, size, sha256: digests.sha256, dandiEtag: digests.dandiEtag };
    const out = join(work, 'out');
    const target = join(out, 'object.bin');
    // No credentials or config from this machine; AWS_CA_BUNDLE also makes rclone refuse plain-http endpoints.
    const { AWS_CA_BUNDLE: _caBundle, NODE_EXTRA_CA_CERTS: _extraCa, ...inherited } = process.env;
    // Over https each tool is told the sample archive's CA the way its users would tell it (no verification is off).
    const env = {
      ...inherited,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      ...(server.ca ? { NODE_EXTRA_CA_CERTS: server.ca } : {}),
    };
    const trust = (flag) => (server.ca ? [flag, server.ca] : []);
    const aws = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';
    const cli = join(repo, 'packages/cli/bin/ember-archive.js');
    const engineRun = (options) => [
      'node',
      [
        fileURLToPath(import.meta.url),
        'engine',
        JSON.stringify({ dest: out, jobs, verify: true, transport: 'socket', ...options }),
      ],
    ];
    const allTools = {
      'ember-archive, S3 object': [
        'node',
        [cli, 'download', `s3://${BUCKET}/${KEY}`, '--dest', out, '--jobs', String(jobs), '--s3-endpoint', server.s3],
      ],
      'ember-archive, DANDI asset': [
        'node',
        [
          cli,
          'download',
          `dandi://ember-dandi/${DANDISET}@draft/${ASSET_PATH}`,
          '--dest',
          out,
          '--jobs',
          String(jobs),
          '--api',
          server.api,
          '--s3-endpoint',
          server.s3,
        ],
      ],
      awscli: [
        aws,
        [
          's3',
          'cp',
          '--no-sign-request',
          '--only-show-errors',
          ...trust('--ca-bundle'),
          '--endpoint-url',
          server.s3,
          `s3://${BUCKET}/${KEY}`,
          target,
        ],
      ],
      rclone: [
        'rclone',
        [
          'copyto',
          `:s3:${BUCKET}/${KEY}`,
          target,
          '--s3-provider',
          'Other',
          '--s3-endpoint',
          server.s3,
          '--s3-no-check-bucket',
          '--multi-thread-streams',
          String(jobs),
          ...trust('--ca-cert'),
        ],
      ],
      curl: ['curl', ['-sSf', ...trust('--cacert'), '-o', target, url]],
      'engine, no verification': engineRun({
        item: { ...item, sha256: undefined, dandiEtag: undefined },
        verify: false,
      }),
      'engine, sha2-256': engineRun({ item: { ...item, dandiEtag: undefined } }),
      'engine, dandi-etag': engineRun({ item: { ...item, sha256: undefined } }),
      'engine, no verification, node:http': engineRun({
        item: { ...item, sha256: undefined, dandiEtag: undefined },
        verify: false,
        transport: 'node-http',
      }),
    };
    const only = values.only;
    for (const name of only ?? []) if (!(name in allTools)) throw new Error(`--only: no tool named "${name}"`);
    const tools = Object.fromEntries(
      Object.entries(allTools).filter(([name]) => toolNames.includes(name) && (!only || only.includes(name))),
    );
    // Where each tool leaves the file: ember-archive names it after the key or asset path, like `aws s3 cp` into a folder.
    const written = (name) =>
      name === 'ember-archive, S3 object'
        ? join(out, KEY.split('/').pop())
        : name === 'ember-archive, DANDI asset'
          ? join(out, ASSET_PATH.split('/').pop())
          : target;
    const results = {};
    for (let run = 0; run < runs; run++) {
      for (const [name, [command, args]] of Object.entries(tools)) {
        await rm(out, { recursive: true, force: true });
        await mkdir(out, { recursive: true });
        const serverBefore = await processCpuSeconds(server.pid);
        const started = process.hrtime.bigint();
        // bash's `times` prints the CPU its children used (all threads), after the tool exits.
        const child = spawnSync(
          'bash',
          ['-c', '"$@" >/dev/null; status=$?; times >&2; exit $status', 'bash', command, ...args],
          { env, encoding: 'utf8' },
        );
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const serverCpu = (await processCpuSeconds(server.pid)) - serverBefore;
        const cpu = childCpuSeconds(child.stderr);
        if (child.status !== 0) {
          console.error(`bench/download [${label}]: ${name} failed (${child.status}): ${child.stderr || child.error}`);
          (results[name] ??= { seconds: [], failed: true }).failed = true;
          continue;
        }
        const got = await stat(written(name)).then(
          (s) => s.size,
          () => -1,
        );
        if (got !== size) throw new Error(`${name} wrote ${got} bytes, expected ${size}`);
        const entry = (results[name] ??= { seconds: [], cpuSeconds: [], serverCpuSeconds: [] });
        entry.seconds.push(seconds);
        entry.cpuSeconds.push(cpu);
        entry.serverCpuSeconds.push(serverCpu);
        console.error(
          `bench/download [${label}]: run ${run + 1} ${name}: ${seconds.toFixed(2)} s (${(size / 2 ** 20 / seconds).toFixed(0)} MiB/s), CPU ${cpu.toFixed(2)} s, server CPU ${serverCpu.toFixed(2)} s`,
        );
      }
    }
    const summary = {};
    for (const [name, r] of Object.entries(results)) {
      const median = medianOf(r.seconds);
      summary[name] = {
        runs: r.seconds,
        medianSeconds: median,
        mibPerSecond: median ? size / 2 ** 20 / median : null,
        medianCpuSeconds: medianOf(r.cpuSeconds ?? []),
        medianServerCpuSeconds: medianOf(r.serverCpuSeconds ?? []),
        failed: r.failed ?? false,
      };
    }
    return summary;
  } finally {
    await server.stop();
    cleanup.splice(cleanup.indexOf(server.stop), 1);
  }
}

/** The figures the targets are judged by, from one scenario's summary (missing tools give nulls). */
function comparisons(summary) {
  const ratio = (a, b) =>
    summary[a]?.medianSeconds && summary[b]?.medianSeconds ? summary[b].medianSeconds / summary[a].medianSeconds : null;
  const cpuDifference = (a, b) =>
    summary[a]?.medianCpuSeconds != null && summary[b]?.medianCpuSeconds != null
      ? summary[a].medianCpuSeconds - summary[b].medianCpuSeconds
      : null;
  return {
    tools: summary,
    // > 1: ember-archive is faster than the other tool (time of the other / time of ember-archive).
    speedup: Object.fromEntries(
      ['ember-archive, S3 object', 'ember-archive, DANDI asset', 'engine, sha2-256'].map((name) => [
        name,
        { vsAwscli: ratio(name, 'awscli'), vsRclone: ratio(name, 'rclone'), vsCurl: ratio(name, 'curl') },
      ]),
    ),
    // Extra time verification costs, relative to the same engine run without it.
    verificationCost: {
      sha256: nullable(ratio('engine, no verification', 'engine, sha2-256'), (r) => r - 1),
      dandiEtag: nullable(ratio('engine, no verification', 'engine, dandi-etag'), (r) => r - 1),
    },
    // Extra CPU (all threads, median) verification costs per run, the figure that decides on a shared 2-core machine.
    verificationCpuSeconds: {
      sha256: cpuDifference('engine, sha2-256', 'engine, no verification'),
      dandiEtag: cpuDifference('engine, dandi-etag', 'engine, no verification'),
    },
    // The socket reader against node:http, both unverified (> 1: the socket reader is faster).
    transport: {
      socketVsNodeHttp: ratio('engine, no verification', 'engine, no verification, node:http'),
    },
  };
}

function nullable(value, f) {
  return value === null ? null : f(value);
}

function medianOf(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** user + system CPU seconds of a process so far (Linux /proc; clock ticks of 1/100 s). */
async function processCpuSeconds(pid) {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The children's line of bash's `times` output ("0m1.234s 0m0.567s"), as seconds. */
function childCpuSeconds(stderr) {
  const lines = stderr.trim().split('\n');
  const seconds = (lines.at(-1) ?? '').split(' ').map((t) => {
    const m = /^(\d+)m([\d.]+)s$/.exec(t);
    return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  });
  return seconds[0] + seconds[1];
}

/** Random bytes (not compressible, not all alike) with their SHA-256 and dandi-etag computed on the way. */
async function writeRandomFile(path, size) {
  const { DandiEtagHasher } = await import(pathToFileURL(join(repo, 'packages/core/dist/internals.js')).href);
  const sha = createHash('sha256');
  const etag = new DandiEtagHasher(size);
  const stream = createWriteStream(path);
  const chunk = Buffer.allocUnsafe(8 * 2 ** 20);
  for (let written = 0; written < size; written += chunk.byteLength) {
    const part = chunk.subarray(0, Math.min(chunk.byteLength, size - written));
    randomFillSync(part);
    sha.update(part);
    etag.update(part);
    if (!stream.write(part)) await new Promise((r) => stream.once('drain', r));
  }
  await new Promise((resolve, reject) => stream.end((error) => (error ? reject(error) : resolve())));
  return { sha256: sha.digest('hex'), dandiEtag: etag.digest() };
}

async function startServer(path, digests, options = {}) {
  const args = [fileURLToPath(import.meta.url), 'serve', path, JSON.stringify(digests), JSON.stringify(options)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const urls = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`the sample archive exited (${code})`)));
  });
  let stopped;
  const stop = () =>
    (stopped ??=
      child.exitCode !== null
        ? Promise.resolve()
        : new Promise((r) => {
            child.once('exit', r);
            child.kill('SIGTERM');
          }));
  return { ...urls, pid: child.pid, stop };
}
