#!/usr/bin/env node
// Benchmark (issue 12, not in CI): time from choosing the pose of the sample archive's >= 1 GiB NWB (000463,
// sub-LARGE01) to its braille chart drawn in a real terminal. Target: under 1 s.
//
// Two measurements, each the median of --runs rounds:
// - terminal: the built `ember-archive` in tmux, started on the dandiset folder that holds the file, cursor moved
//   onto it; the clock runs from `p` (pose chart straight from the listing) until the screen shows braille chart
//   cells and both axis titles (tmux capture-pane polled every 10 ms without blocking this process, which serves
//   the sample archive; the polling adds up to ~10 ms).
// - seam: the same work without a terminal: createNodeExplorer, open, and the chart's first request (a pose view
//   decimated to 2 points per column of a 110-column chart), to tell the reading apart from the drawing.
// Results: bench/results/pose-chart.json at the repository root; the README section is written by hand from them.
//
//   node packages/cli/bench/pose-chart.mjs [--runs 5] [--columns 110] [--rows 30]
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');
const bin = join(here, '..', 'bin', 'ember-archive.js');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    columns: { type: 'string', default: '110' },
    rows: { type: 'string', default: '30' },
    // A check of this script on a small file (results not for the README): --folder and --name of another NWB,
    // --no-large to skip generating the large one, --out elsewhere.
    folder: { type: 'string', default: 'dandi://ember-dandi/000463@draft/sub-LARGE01/' },
    name: { type: 'string', default: 'sub-LARGE01_ses-benchmark_behavior+image.nwb' },
    large: { type: 'boolean', default: true },
    out: { type: 'string' },
  },
  allowNegative: true,
});
const runs = Number(values.runs);
const columns = Number(values.columns);
const rows = Number(values.rows);

const { startSampleArchive } = await import('@ember-archive/sample-archive');
const { createArchive, loadConfig } = await import('@ember-archive/core');
const { createNodeExplorer } = await import('@ember-archive/core/node');

const LARGE_NAME = values.name;
const FOLDER = values.folder;
const SOCKET = `ember-bench-${process.pid}`;
const BRAILLE_CHART = /[\u2801-\u28ff]{6}/;

const tmux = (...args) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8', timeout: 10_000 });
// Polled without blocking: the sample archive serves the UI's range requests from this process's event loop, which
// a synchronous capture every 10 ms would hold for a good part of the measured time.
const execFileAsync = promisify(execFile);
const screen = async () =>
  (await execFileAsync('tmux', ['-L', SOCKET, 'capture-pane', '-p', '-t', 'bench'], { timeout: 10_000 })).stdout;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function waitFor(test, timeoutMs = 60_000, stepMs = 10) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await screen();
    if (test(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out; the screen was:\n${text}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

console.log('Starting the sample archive with the large NWB (slow the first time: it is generated and cached)…');
const sample = await startSampleArchive({ large: values.large });
const env = { EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3 };
const terminal = [];
const seam = [];
try {
  for (let run = 0; run < runs; run++) {
    // In the terminal: a fresh process per round, as a user starting the UI.
    const command = `node '${bin}' browse '${FOLDER}'; sleep 60`;
    const envArgs = [...Object.entries(env), ['CI', 'false']].flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    tmux(
      'new-session',
      '-d',
      '-s',
      'bench',
      '-x',
      String(columns),
      '-y',
      String(rows),
      ...envArgs,
      'sh',
      '-c',
      command,
    );
    try {
      await waitFor((t) => t.includes(LARGE_NAME));
      // The folder lists the NWB first or after others: move the cursor onto it.
      for (let i = 0; i < 20 && !new RegExp(`›\\s+${LARGE_NAME.replace(/[+.]/g, '\\$&')}`).test(await screen()); i++) {
        tmux('send-keys', '-t', 'bench', 'Down');
        await new Promise((r) => setTimeout(r, 100));
      }
      const started = performance.now();
      tmux('send-keys', '-t', 'bench', 'p');
      await waitFor((t) => BRAILLE_CHART.test(t) && t.includes('x (') && t.includes('y ('));
      terminal.push((performance.now() - started) / 1000);
    } finally {
      tmux('kill-server');
    }

    // Through the seam alone, in this process (a fresh explorer each round).
    const explorer = createNodeExplorer(createArchive(loadConfig(env)), 'bench');
    const started = performance.now();
    const file = await explorer.open(`${FOLDER}${LARGE_NAME}`);
    const view = await file.pose({ points: columns * 2 });
    seam.push((performance.now() - started) / 1000);
    if (view.series.length === 0) throw new Error('the large NWB gave no pose series');
    await file.close();
    console.log(`round ${run + 1}/${runs}: terminal ${terminal.at(-1).toFixed(3)} s, seam ${seam.at(-1).toFixed(3)} s`);
  }
} finally {
  await sample.close();
}

const result = {
  benchmark: 'pose-chart',
  date: new Date().toISOString(),
  node: process.version,
  cores: cpus().length,
  load: loadavg(),
  file: `${FOLDER}${LARGE_NAME}`,
  terminal: { columns, rows, seconds: terminal, median: median(terminal) },
  seam: { points: columns * 2, seconds: seam, median: median(seam) },
  target: 'terminal median under 1 s',
  met: median(terminal) < 1,
};
const out = values.out ?? join(repo, 'bench', 'results', 'pose-chart.json');
await mkdir(dirname(out), { recursive: true });
await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(
  `median: terminal ${result.terminal.median.toFixed(3)} s, seam ${result.seam.median.toFixed(3)} s (target < 1 s: ${result.met ? 'met' : 'not met'})`,
);
