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
import { cpus, loadavg, tmpdir } from 'node:os';
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
    // The pose frames of the NWB (the large-NWB generator's default share would give fewer at this size).
    'nwb-frames': { type: 'string', default: '441505' },
    runs: { type: 'string', default: '3' },
    work: { type: 'string' },
    // Re-render the README section from bench/results/pose.json without measuring.
    'readme-only': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const core = await import(pathToFileURL(join(repo, 'packages/core/dist/node.js')).href);
const sample = await import(pathToFileURL(join(repo, 'packages/sample-archive/dist/index.js')).href);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One ember-archive extraction: open, readPose, close; returns seconds (total and open) and what it read. */
async function emberOnce(path, fileName) {
  const t0 = performance.now();
  const file = await core.openHdf5(path);
  const opened = performance.now();
  try {
    const pose = await core.readPose(file, { fileName });
    return { frames: pose.frameCount, tracks: pose.tracks.length, seconds: (performance.now() - t0) / 1000, openSeconds: (opened - t0) / 1000 };
  } finally {
    await file.close();
  }
}

/** One h5py process doing `count` extractions; returns their seconds. */
function h5pyOnce(kind, path, count) {
  const result = spawnSync('/usr/bin/python3', [join(here, 'pose_h5py.py'), kind, path, String(count)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pose_h5py.py failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/**
 * Rounds alternate between the two sides, so load from elsewhere on the machine falls on both alike. Round 0 is the
 * warm-up: the first file of a fresh process on each side (reported apart). Later rounds are warm on both sides: the
 * same ember-archive process (its pooled h5wasm worker) and, for h5py, a process whose first extraction is dropped.
 */
async function interleavedRuns(kind, path, fileName) {
  const ember = { seconds: [], openSeconds: [], firstSeconds: 0, frames: 0, tracks: 0 };
  const h5py = { seconds: [], firstSeconds: 0, frames: 0 };
  for (let round = 0; round <= runs; round++) {
    const e = await emberOnce(path, fileName);
    const p = h5pyOnce(kind, path, 2);
    Object.assign(ember, { frames: e.frames, tracks: e.tracks });
    Object.assign(h5py, { frames: p.frames, h5py: p.h5py, numpy: p.numpy });
    if (round === 0) {
      ember.firstSeconds = e.seconds;
      h5py.firstSeconds = p.seconds[0];
      continue;
    }
    ember.seconds.push(e.seconds);
    ember.openSeconds.push(e.openSeconds);
    h5py.seconds.push(p.seconds[1]);
  }
  return { ember, h5py };
}

async function compare(kind, path, fileName) {
  const { ember, h5py } = await interleavedRuns(kind, path, fileName);
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
      // openHdf5 alone: with a warm pooled worker, only opening the file in it.
      openSeconds: ember.openSeconds,
      // The warm-up: the first file of a fresh process (worker start, wasm instantiation and first-pass code).
      firstSeconds: ember.firstSeconds,
    },
    h5py: {
      seconds: h5py.seconds,
      framesPerSecond: Math.round(h5py.frames / h5pySeconds),
      firstSeconds: h5py.firstSeconds,
      version: h5py.h5py,
      numpy: h5py.numpy,
    },
    ratio: Number((emberSeconds / h5pySeconds).toFixed(2)),
    firstFileRatio: Number((ember.firstSeconds / h5py.firstSeconds).toFixed(2)),
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
    `${r.h5py.framesPerSecond.toLocaleString('en-US')} | ${r.ratio}x ${r.meetsTarget ? '(met)' : '(**not met**)'} | ` +
    `${r.emberArchive.firstSeconds.toFixed(2)} s / ${r.h5py.firstSeconds.toFixed(2)} s = ${r.firstFileRatio}x |`;
  const section = [
    '## Pose extraction',
    '',
    `\`node packages/core/bench/pose.mjs\` (part of \`pnpm --filter @ember-archive/core bench\`), run ${results.date.slice(0, 10)} on ` +
      `${results.machine.cpus} cores, Node ${results.machine.node}. Every keypoint of a generated file, from open to arrays: ember-archive ` +
      '`openHdf5` + `readPose` (JABS: (y, x) flipped, instances grouped by identity, NaN for missing; NWB: data, confidence and time of every ' +
      'PoseEstimationSeries) beside `bench/pose_h5py.py` doing the same with Debian\'s python3-h5py ' +
      `${results.jabs.h5py.version} + numpy ${results.jabs.h5py.numpy}, in the same run. Median of ${results.runs} rounds after a warm-up round, the two sides alternating round by round; ` +
      'ratio = ember-archive time / h5py time (target: at most 1.5x). Raw numbers: `bench/results/pose.json`.',
    '',
    '| file | name | frames | tracks | ember-archive frames/s | h5py frames/s | ratio | first file of a fresh process (ember-archive / h5py) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    row('JABS v4', results.jabs),
    row('NWB (ndx-pose)', results.nwb),
    '',
    'What changed since the first run of this benchmark (2.38x JABS, 3.11x NWB), each found with `--cpu-prof` on the',
    'main thread and the worker: (1) closed files hand their h5wasm worker to a small pool, so the next file skips',
    'the 0.2-0.3 s worker start and the slow first pass of fresh wasm code (`openHdf5` now takes 1-30 ms with a warm',
    'worker; the last column shows the first file of a fresh process, which still pays it); (2) JABS points and',
    'confidence are stored in chunks narrower than a row ((n, 1, 2, 1), (n, 1, 2)): read as one box, HDF5 in wasm copied',
    'each chunk into place a few bytes at a time (460-770 ms for the points alone); they are now read chunk column by',
    'chunk column and interleaved in JS (140-260 ms; h5py 180-340 ms); (3) a selection whose rows are contiguous is',
    'copied with one native `set` instead of element by element through a generic typed-array type (~0.28 s per NWB',
    'extraction before, ~0.02 s after); (4) `rateFromTimestamps` (the NWB frame rate from 441k timestamps) sorted a JS array with a',
    'comparator, ~0.4 s per read; it now selects the median of a Float64Array in O(n) (~5 ms warm); (5) the pose readers',
    'fill each track once from the read buffers: no NaN fill then overwrite (`missingTrack` alone was ~70 ms per JABS',
    'extraction), NWB rows de-interleaved in one tight loop and a whole-window Float64 confidence read used as it is',
    '(main-thread NWB conversion 73 -> 32 ms and garbage collection 100 -> 33 ms per extraction, over 7 extractions),',
    'JABS instances scattered frame by frame into preallocated tracks, JABS read in ~4 chunk-aligned blocks so the',
    'worker inflates the next while the main thread scatters the last, and the ndx-pose metadata lookups (container',
    'search, series types, cached namespaces) issued together instead of one after another, the file no longer walked',
    'twice (once to detect the format, once to read). At load ~1 this moved JABS from 1.5-1.75x to 1.43-1.57x and NWB',
    'from 1.75-1.9x to 1.61-1.75x.',
    '',
    'What is left (profiled with `--cpu-prof` over 7 warm extractions at load ~2): the main thread is now mostly idle,',
    'waiting for the worker. NWB: per extraction the worker spends ~0.4 s inflating gzip chunks in wasm (h5py\'s whole',
    'extraction takes 0.3 s), ~0.06 s in `postMessage` (results are copied to the main thread, not transferred) and',
    '~0.03 s in fs reads; the main thread ~0.03 s converting, ~0.03 s in GC and ~0.02 s on the frame-rate median, mostly',
    'while the worker is still inflating. JABS: the worker spends ~0.22 s inflating and ~0.18 s in `copyStrided`',
    '(`hdf5/selection.ts`, placing the (n, 1, 2, 1) chunk columns into the row-major box); the main thread\'s scatter',
    'is ~0.1-0.15 s, now overlapped with the worker\'s next block. Reading those chunk columns one request each from',
    '`pose/jabs.ts` instead (to move the placing to the main thread) was tried and was 3x slower (1.6 s; probably the',
    'worker\'s whole-box chunk prefetch no longer applies, not checked), so it was not kept. Both remaining costs live in the HDF5 worker',
    '(`core/src/hdf5`): a faster column placement, transferring result buffers instead of copying them, and the wasm',
    'warm-up (in one process, extraction times keep falling over the first ~8-10 files, 0.8 -> 0.37-0.41 s for JABS,',
    'which suggests V8\'s lazy tier-up of the wasm inflate code; this benchmark measures rounds 1-5) are the next levers.',
    'ember-archive runs two threads (main and worker) where h5py runs one, and the machine is shared with other',
    'helpers\' test suites: under load 4-9 earlier invocations spread widely (JABS 0.44-1.35 s per round for the same',
    'code, h5py 0.32-0.60 s). Verdict at load ~1.3: JABS met the 1.5x target in two of the four invocations below and',
    'missed it narrowly in two (not reliably met); NWB is not met (1.61-1.75x).' +
      (results.invocations
        ? ` Invocations: ${results.invocations.map((r) => `${r.jabs}x / ${r.nwb}x${r.loadAverage1m === undefined ? '' : ` (load ${r.loadAverage1m})`}`).join(', ')} ` +
          '(JABS / NWB); the table shows the last.'
        : ''),
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

if (values['readme-only']) {
  await writeReadmeSection(JSON.parse(await readFile(join(repo, 'bench', 'results', 'pose.json'), 'utf8')));
  process.exit(0);
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
  const nwbName = `sub-LARGE01_ses-${values['nwb-mib']}mib-${values['nwb-frames']}f_desc-processed.nwb`;
  const nwbPath = join(work, nwbName);
  if (!(await exists(nwbPath))) {
    console.error(`bench/pose: generating a ${values['nwb-mib']} MiB NWB file ...`);
    await sample.writeLargeNwb(nwbPath, { seed: 9, targetBytes: Number(values['nwb-mib']) * 2 ** 20, poseFrames: Number(values['nwb-frames']) });
  }

  const results = {
    benchmark: 'pose extraction: every keypoint of a file, open to arrays',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    // The machine is shared: the 1-minute load average when the run started, reported beside the figures.
    loadAverage1m: Number(loadavg()[0].toFixed(2)),
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
