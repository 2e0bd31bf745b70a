#!/usr/bin/env node
// The two quick-start commands (`npm run demo`, `npm test`) on a machine that has only Node.js and npm:
// bring in the pinned pnpm through npx, install the workspace, build, then run the demo, the tests or the benchmarks.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { stripVTControlCharacters } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const task = process.argv[2];
const rest = process.argv.slice(3);

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`quickstart: \`${cmd} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

/** pnpm exactly as package.json pins it, through npx so no global install is needed. */
function pnpm(args, options) {
  run('npx', ['--yes', packageManager, ...args], options);
}

// Always: pnpm answers in about a second when nothing changed, and a pulled lockfile must not meet stale modules.
function install() {
  pnpm(['install', '--frozen-lockfile']);
}

/** A root check (formatting, lint): runs with its output shown; returns one line saying how to fix it, or nothing. */
function check(name, script, fix) {
  const result = spawnSync('npx', ['--yes', packageManager, 'run', '--silent', script], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status === 0) return undefined;
  const line = `quickstart: the ${name} check failed (\`${script}\`, exit ${result.status ?? result.signal}): ${fix}.`;
  console.error(line);
  return line;
}

/**
 * Check formatting and lint, then run every package's typecheck and tests, echoing their output, and close with one
 * 'N passed, N failed' line over all of them. A failed check fails the run, after the tests have run too.
 */
async function test() {
  const checks = [
    check('formatting', 'format:check', `run \`npx ${packageManager} format\` and commit the result`),
    check('lint', 'lint', 'fix the ESLint errors listed above'),
  ].filter((line) => line !== undefined);
  const child = spawn(
    'npx',
    ['--yes', packageManager, 'turbo', 'run', 'typecheck', 'test', '--concurrency=1', '--continue', ...rest],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let passed = 0;
  let failed = 0;
  for await (const line of createInterface({ input: child.stdout })) {
    process.stdout.write(`${line}\n`);
    // vitest's summary per package, e.g. "Tests  2 failed | 458 passed (460)".
    const plain = stripVTControlCharacters(line);
    const summary = /\bTests\s+(.*)\(\d+\)\s*$/.exec(plain);
    if (!summary) continue;
    passed += Number(/(\d+) passed/.exec(summary[1])?.[1] ?? 0);
    failed += Number(/(\d+) failed/.exec(summary[1])?.[1] ?? 0);
  }
  const code = await new Promise((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (c) => resolve(c ?? 1)),
  );
  console.log(`tests: ${passed} passed, ${failed} failed`);
  if (code !== 0) console.error(`quickstart: the test run failed (exit ${code}).`);
  for (const line of checks) console.error(line);
  process.exit(code === 0 && failed === 0 && checks.length === 0 ? 0 : 1);
}

function systemPackages() {
  run('bash', [join(root, 'scripts', 'system-packages.sh')]);
}

async function demo() {
  pnpm([
    'turbo',
    'run',
    'build',
    '--filter=@ember-archive/cli...',
    '--filter=@ember-archive/sample-archive',
    // `npm run demo -- serve` serves the web viewer too, so build it for that command only.
    ...(rest[0] === 'serve' ? ['--filter=@ember-archive/web'] : []),
    '--output-logs=errors-only',
  ]);
  const archive = spawn(process.execPath, [join(root, 'packages/sample-archive/dist/bin.js'), '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const firstLine = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: archive.stdout });
    lines.once('line', resolve);
    archive.once('exit', (code) => reject(new Error(`the sample archive stopped before it was ready (exit ${code})`)));
  });
  const { s3, api } = JSON.parse(firstLine);
  const cli = spawn(process.execPath, [join(root, 'packages/cli/bin/ember-archive.js'), ...rest], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, EMBER_API_URL: api, EMBER_S3_ENDPOINT: s3 },
  });
  const code = await new Promise((resolve) => cli.once('exit', (c) => resolve(c ?? 1)));
  archive.kill('SIGTERM');
  process.exit(code);
}

install();
switch (task) {
  case 'demo':
    await demo();
    break;
  case 'test':
    systemPackages();
    await test();
    break;
  case 'bench':
    systemPackages();
    pnpm(['turbo', 'run', 'bench', '--concurrency=1', ...rest]);
    break;
  default:
    console.error('usage: node scripts/quickstart.mjs demo|test|bench');
    process.exit(2);
}
