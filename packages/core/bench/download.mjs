#!/usr/bin/env node
// Benchmark (issue 5, not in CI): download one 1 GiB object from the sample S3 server with ember-archive, Debian's
// awscli, rclone and curl in one run; then the download engine with and without verification, to price it.
// The S3 server runs in its own process so no client shares its event loop. Besides wall time, each run records
// the CPU the tool used (user + system, all its threads and children) and the CPU the S3 server used meanwhile:
// on a shared two-core machine wall times swing with other work, CPU per GiB much less. Results:
// bench/results/download.json.
//
//   node packages/core/bench/download.mjs [--size-mib 1024] [--runs 5] [--jobs 8]
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

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'size-mib': { type: 'string', default: '1024' }, runs: { type: 'string', default: '5' }, jobs: { type: 'string', default: '8' } },
});

if (positionals[0] === 'serve') await serve(positionals[1], positionals[2]);
else if (positionals[0] === 'engine') await engine(JSON.parse(positionals[1]));
else await orchestrate();

/** Child role: serve one file as s3://ember-open-data/bench/download-1gib.bin; print the endpoint URL. */
async function serve(path, etag) {
  const { ObjectStore } = await import(pathToFileURL(join(repo, 'packages/sample-archive/dist/store.js')).href);
  const { createS3Server } = await import(pathToFileURL(join(repo, 'packages/sample-archive/dist/s3/server.js')).href);
  const store = new ObjectStore(BUCKET);
  store.putFile(KEY, path, etag);
  const server = await createS3Server(store).listen(0, '127.0.0.1');
  console.log(server.url);
  process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
}

/** Child role: the download engine on one planned item, verification on or off. */
async function engine({ item, dest, jobs, verify }) {
  const { downloadItems } = await import(pathToFileURL(join(repo, 'packages/core/dist/node.js')).href);
  const report = await downloadItems([item], { dest, jobs, verify });
  if (report.failed) throw new Error(report.outcomes[0].error);
  console.log(JSON.stringify({ verifiedBy: report.outcomes[0].verifiedBy }));
}

async function orchestrate() {
  const size = Number(values['size-mib']) * 2 ** 20;
  const runs = Number(values.runs);
  const jobs = Number(values.jobs);
  const work = await mkdtemp(join(tmpdir(), 'ember-bench-dl-'));
  const cleanup = [];
  try {
    const source = join(work, 'source.bin');
    console.error(`bench/download: writing a ${size / 2 ** 20} MiB object ...`);
    const digests = await writeRandomFile(source, size);
    const server = await startServer(source, digests.dandiEtag);
    cleanup.push(server.stop);
    const url = `${server.url}/${BUCKET}/${KEY}`;
    const item = { path: 'object.bin', url, size, sha256: digests.sha256, dandiEtag: digests.dandiEtag };
    const out = join(work, 'out');
    const target = join(out, 'object.bin');
    // No credentials or config from this machine; AWS_CA_BUNDLE also makes rclone refuse plain-http endpoints.
    const { AWS_CA_BUNDLE: _caBundle, ...inherited } = process.env;
    const env = { ...inherited, AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
    const aws = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';

    const tools = {
      'ember-archive': ['node', [join(repo, 'packages/cli/bin/ember-archive.js'), 'download', `s3://${BUCKET}/${KEY}`, '--dest', out, '--jobs', String(jobs), '--s3-endpoint', server.url]],
      awscli: [aws, ['s3', 'cp', '--no-sign-request', '--only-show-errors', '--endpoint-url', server.url, `s3://${BUCKET}/${KEY}`, target]],
      rclone: ['rclone', ['copyto', `:s3:${BUCKET}/${KEY}`, target, '--s3-provider', 'Other', '--s3-endpoint', server.url, '--s3-no-check-bucket', '--multi-thread-streams', String(jobs)]],
      curl: ['curl', ['-sSf', '-o', target, url]],
      'engine, no verification': ['node', [fileURLToPath(import.meta.url), 'engine', JSON.stringify({ item: { ...item, sha256: undefined, dandiEtag: undefined }, dest: out, jobs, verify: false })]],
      'engine, sha2-256': ['node', [fileURLToPath(import.meta.url), 'engine', JSON.stringify({ item: { ...item, dandiEtag: undefined }, dest: out, jobs, verify: true })]],
      'engine, dandi-etag': ['node', [fileURLToPath(import.meta.url), 'engine', JSON.stringify({ item: { ...item, sha256: undefined }, dest: out, jobs, verify: true })]],
    };
    const results = {};
    const loadBefore = loadavg();
    for (let run = 0; run < runs; run++) {
      for (const [name, [command, args]] of Object.entries(tools)) {
        await rm(out, { recursive: true, force: true });
        await mkdir(out, { recursive: true });
        const serverBefore = await processCpuSeconds(server.pid);
        const started = process.hrtime.bigint();
        // bash's `times` prints the CPU its children used (all threads), after the tool exits.
        const child = spawnSync('bash', ['-c', '"$@" >/dev/null; status=$?; times >&2; exit $status', 'bash', command, ...args], { env, encoding: 'utf8' });
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const serverCpu = (await processCpuSeconds(server.pid)) - serverBefore;
        const cpu = childCpuSeconds(child.stderr);
        if (child.status !== 0) {
          console.error(`bench/download: ${name} failed (${child.status}): ${child.stderr || child.error}`);
          (results[name] ??= { seconds: [], failed: true }).failed = true;
          continue;
        }
        // ember-archive names the file after the key, like `aws s3 cp` into a folder would.
        const got = await stat(name === 'ember-archive' ? join(out, KEY.split('/').pop()) : target).then((s) => s.size, () => -1);
        if (got !== size) throw new Error(`${name} wrote ${got} bytes, expected ${size}`);
        const entry = (results[name] ??= { seconds: [], cpuSeconds: [], serverCpuSeconds: [] });
        entry.seconds.push(seconds);
        entry.cpuSeconds.push(cpu);
        entry.serverCpuSeconds.push(serverCpu);
        console.error(
          `bench/download: run ${run + 1} ${name}: ${seconds.toFixed(2)} s (${(size / 2 ** 20 / seconds).toFixed(0)} MiB/s), CPU ${cpu.toFixed(2)} s, server CPU ${serverCpu.toFixed(2)} s`,
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
    const ratio = (a, b) => (summary[a]?.medianSeconds && summary[b]?.medianSeconds ? summary[b].medianSeconds / summary[a].medianSeconds : null);
    const result = {
      benchmark: 'download',
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadAverageBefore: loadBefore, loadAverageAfter: loadavg() },
      objectBytes: size,
      jobs,
      runs,
      tools: summary,
      // > 1: ember-archive is faster than the other tool (time of the other / time of ember-archive).
      speedup: { vsAwscli: ratio('ember-archive', 'awscli'), vsRclone: ratio('ember-archive', 'rclone'), vsCurl: ratio('ember-archive', 'curl') },
      // Extra time verification costs, relative to the same engine run without it.
      verificationCost: {
        sha256: ratio('engine, no verification', 'engine, sha2-256') - 1,
        dandiEtag: ratio('engine, no verification', 'engine, dandi-etag') - 1,
      },
    };
    const file = join(repo, 'bench/results/download.json');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    for (const stop of cleanup) await stop();
    await rm(work, { recursive: true, force: true });
  }
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
  const { DandiEtagHasher } = await import(pathToFileURL(join(repo, 'packages/core/dist/node.js')).href);
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

async function startServer(path, etag) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), 'serve', path, etag], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the S3 server exited (${code})`)));
  });
  return { url, pid: child.pid, stop: async () => { child.kill('SIGTERM'); await new Promise((r) => child.once('exit', r)); } };
}
