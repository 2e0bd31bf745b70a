#!/usr/bin/env node
// Benchmark (issue 4, not in CI): frames per second extracting every keypoint of a large JABS pose file and a large
// ndx-pose NWB with ember-archive's readPose, beside Debian's python3-h5py + numpy doing the same work
// (bench/pose_h5py.py) in the same run, on the same files. Target: ember-archive no slower than 1.5x h5py.
// Results: bench/results/pose.json at the repository root.
//
//   node packages/core/bench/pose.mjs [--jabs-frames 108000] [--nwb-mib 256] [--runs 3] [--work DIR]
// --work keeps the generated files in DIR and reuses them on the next run (same sizes only).
import { spawnSync } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');
const { values } = parseArgs({
  options: {
    'jabs-frames': { type: 'string', default: '108000' },
    'jabs-mice': { type: 'string', default: '3' },
    'nwb-mib': { type: 'string', default: '256' },
    runs: { type: 'string', default: '3' },
    work: { type: 'string' },
  },
});
const runs = Number(values.runs);
const core = await import(pathToFileURL(join(repo, 'packages/core/dist/node.js')).href);
const sample = await import(pathToFileURL(join(repo, 'packages/sample-archive/dist/index.js')).href);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function emberRuns(path, fileName) {
  const seconds = [];
  const openSeconds = [];
  let frames = 0;
  let tracks = 0;
  // One warm-up so the wasm module and the OS page cache are warm for both sides.
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const file = await core.openHdf5(path);
    const opened = performance.now();
    try {
      const pose = await core.readPose(file, { fileName });
      frames = pose.frameCount;
      tracks = pose.tracks.length;
    } finally {
      await file.close();
    }
    if (i > 0) {
      seconds.push((performance.now() - t0) / 1000);
      openSeconds.push((opened - t0) / 1000);
    }
  }
  return { frames, tracks, seconds, openSeconds };
}

function h5pyRuns(kind, path) {
  const result = spawnSync('/usr/bin/python3', [join(here, 'pose_h5py.py'), kind, path, String(runs + 1)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pose_h5py.py failed: ${result.stderr}`);
  const parsed = JSON.parse(result.stdout);
  return { ...parsed, seconds: parsed.seconds.slice(1) };
}

async function compare(kind, path, fileName) {
  const ember = await emberRuns(path, fileName);
  const h5py = h5pyRuns(kind, path);
  if (ember.frames !== h5py.frames) throw new Error(`${kind}: ember-archive read ${ember.frames} frames, h5py ${h5py.frames}.`);
  const emberSeconds = median(ember.seconds);
  const h5pySeconds = median(h5py.seconds);
  const row = {
    file: fileName,
    bytes: (await stat(path)).size,
    frames: ember.frames,
    tracks: ember.tracks,
    emberArchive: {
      seconds: ember.seconds,
      framesPerSecond: Math.round(ember.frames / emberSeconds),
      // openHdf5 alone: worker thread start and wasm instantiation, a fixed cost per open file.
      openSeconds: ember.openSeconds,
    },
    h5py: { seconds: h5py.seconds, framesPerSecond: Math.round(h5py.frames / h5pySeconds), version: h5py.h5py, numpy: h5py.numpy },
    ratio: Number((emberSeconds / h5pySeconds).toFixed(2)),
    ratioAfterOpen: Number(((emberSeconds - median(ember.openSeconds)) / h5pySeconds).toFixed(2)),
  };
  row.meetsTarget = row.ratio <= 1.5;
  console.error(`bench/pose ${kind}: ember-archive ${row.emberArchive.framesPerSecond} frames/s, h5py ${row.h5py.framesPerSecond} frames/s, ratio ${row.ratio}`);
  return row;
}

const exists = (path) => access(path).then(() => true, () => false);
/** Replace (or append) the "Pose extraction" section of bench/README.md, leaving every other section as it is. */
async function writeReadmeSection(results) {
  const path = join(repo, 'bench', 'README.md');
  const current = await readFile(path, 'utf8').catch(() => '# Benchmarks\n');
  const mb = (bytes) => (bytes / 1e6).toFixed(1);
  const row = (label, r) =>
    `| ${label} | \`${r.file}\` (${mb(r.bytes)} MB) | ${r.frames} | ${r.tracks} | ${r.emberArchive.framesPerSecond.toLocaleString('en-US')} | ` +
    `${r.h5py.framesPerSecond.toLocaleString('en-US')} | ${r.ratio}x ${r.meetsTarget ? '(met)' : '(**not met**)'} | ${r.ratioAfterOpen}x |`;
  const section = [
    '## Pose extraction',
    '',
    `\`node packages/core/bench/pose.mjs\` (part of \`pnpm --filter @ember-archive/core bench\`), run ${results.date.slice(0, 10)} on ` +
      `${results.machine.cpus} cores, Node ${results.machine.node}. Every keypoint of a generated file, from open to arrays: ember-archive ` +
      '`openHdf5` + `readPose` (JABS: (y, x) flipped, instances grouped by identity, NaN for missing; NWB: data, confidence and time of every ' +
      'PoseEstimationSeries) beside `bench/pose_h5py.py` doing the same with Debian\'s python3-h5py ' +
      `${results.jabs.h5py.version} + numpy ${results.jabs.h5py.numpy}, in the same run. Median of ${results.runs} runs after a warm-up; ` +
      'ratio = ember-archive time / h5py time (target: at most 1.5x). Raw numbers: `bench/results/pose.json`.',
    '',
    '| file | name | frames | tracks | ember-archive frames/s | h5py frames/s | ratio | ratio without openHdf5 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    row('JABS v4', results.jabs),
    row('NWB (ndx-pose)', results.nwb),
    '',
    'Where the time goes (measured on this machine while writing the benchmark, min of 5 interleaved runs): `readPose` adds',
    'little over the raw reads of the same datasets through `openHdf5` (it asks for every block at once and only sorts',
    'values). h5wasm itself is not slower than h5py once warm: the 12 pose datasets of the NWB take 0.33-0.44 s with h5wasm',
    '(ESM or node build, same process, repeated) and 0.35-0.44 s with h5py. The gap is the cold start each `openHdf5` pays:',
    'a worker thread and a fresh wasm instance (0.2-0.3 s, left out of the last column), and first reads in a fresh worker',
    'that are slower than later ones (0.8-0.9 s for those datasets, then 0.32-0.40 s in the same worker; in-process h5wasm',
    'shows the same first-pass cost, most likely wasm still running baseline-tier code: not proven, V8 tiering flags made no',
    'measurable difference on this loaded machine). Reusing warm workers across files would be the lever; a second worker',
    'per file did not help on 2 loaded cores.',
    '',
  ].join('\n');
  const start = current.indexOf('## Pose extraction');
  let next;
  if (start < 0) next = `${current.trimEnd()}\n\n${section}`;
  else {
    const after = current.indexOf('\n## ', start + 1);
    next = `${current.slice(0, start)}${section}${after < 0 ? '' : `\n${current.slice(after + 1)}`}`;
  }
  await writeFile(path, next.endsWith('\n') ? next : `${next}\n`);
}

const work = values.work ?? (await mkdtemp(join(tmpdir(), 'ember-bench-pose-')));
await mkdir(work, { recursive: true });
try {
  const jabsName = `bench_${values['jabs-frames']}f_${values['jabs-mice']}m_pose_est_v4.h5`;
  const jabsPath = join(work, jabsName);
  if (!(await exists(jabsPath))) {
    console.error(`bench/pose: generating a ${values['jabs-frames']}-frame JABS v4 file ...`);
    const jabs = await sample.generateJabsPose({ seed: 4, version: 4, frames: Number(values['jabs-frames']), mice: Number(values['jabs-mice']) });
    await writeFile(jabsPath, jabs.bytes);
  }
  const nwbName = `sub-LARGE01_ses-${values['nwb-mib']}mib_desc-processed.nwb`;
  const nwbPath = join(work, nwbName);
  if (!(await exists(nwbPath))) {
    console.error(`bench/pose: generating a ${values['nwb-mib']} MiB NWB file ...`);
    await sample.writeLargeNwb(nwbPath, { seed: 9, targetBytes: Number(values['nwb-mib']) * 2 ** 20 });
  }

  const results = {
    benchmark: 'pose extraction: every keypoint of a file, open to arrays',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    runs,
    target: 'ember-archive time <= 1.5 x h5py time',
    jabs: await compare('jabs', jabsPath, jabsName),
    nwb: await compare('nwb', nwbPath, nwbName),
  };
  const out = join(repo, 'bench', 'results', 'pose.json');
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
  await writeReadmeSection(results);
  console.log(JSON.stringify({ jabs: results.jabs.ratio, nwb: results.nwb.ratio }));
} finally {
  if (values.work === undefined) await rm(work, { recursive: true, force: true });
}
