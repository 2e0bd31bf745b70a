#!/usr/bin/env node
// Fault and bad-input counts for bench/README.md (issue 5): runs the download fault tests, the remote-HDF5 fault
// test and the malformed-input fuzz loop with a larger count, sums what they report, and writes
// bench/results/robustness.json.   node packages/core/bench/robustness.mjs [--fuzz 500] [--budget-s 240]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const core = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(core, '..', '..');
const { values } = parseArgs({
  options: { fuzz: { type: 'string', default: '500' }, 'budget-s': { type: 'string', default: '240' } },
});
const work = mkdtempSync(join(tmpdir(), 'ember-robustness-'));
const report = join(work, 'report.ndjson');
writeFileSync(report, '');
const run = spawnSync('npx', ['vitest', 'run', 'src/download', 'src/robustness', '--reporter', 'dot'], {
  cwd: core,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    EMBER_ROBUSTNESS_REPORT: report,
    EMBER_FUZZ_COUNT: values.fuzz,
    EMBER_FUZZ_BUDGET_MS: String(Number(values['budget-s']) * 1000),
  },
});
const suites = readFileSync(report, 'utf8')
  .trim()
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));
rmSync(work, { recursive: true, force: true });
const sum = (key) => suites.reduce((total, s) => total + (typeof s[key] === 'number' ? s[key] : 0), 0);
const result = {
  benchmark: 'robustness',
  date: new Date().toISOString(),
  testsPassed: run.status === 0,
  faultsInjected: sum('faults'),
  inputsTried: sum('inputs'),
  failures: sum('failures'),
  suites,
};
mkdirSync(join(repo, 'bench/results'), { recursive: true });
writeFileSync(join(repo, 'bench/results/robustness.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
