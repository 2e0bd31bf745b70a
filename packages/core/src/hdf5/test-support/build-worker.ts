// vitest global setup: tests run the TypeScript sources, but a worker thread needs JavaScript, so openHdf5 starts
// dist/hdf5/node/worker.js when it runs from src. Build dist first when any source is newer than the built worker
// (turbo's `test` task already depends on `build`; this covers `npx vitest run` by hand).
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('../../../', import.meta.url));

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Build the package when the worker in dist is missing or older than the sources. */
export default function setup(): void {
  let built = 0;
  try {
    built = statSync(join(packageDir, 'dist/hdf5/node/worker.js')).mtimeMs;
  } catch {
    built = 0;
  }
  if (built >= newestSource(join(packageDir, 'src'))) return;
  try {
    execFileSync(
      process.execPath,
      [join(packageDir, '../../node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: packageDir,
        stdio: 'inherit',
      },
    );
  } catch {
    // tsc emits even with type errors elsewhere in the package; the tests report what is actually broken.
  }
}
