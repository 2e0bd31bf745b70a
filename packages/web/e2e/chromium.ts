// Debian's Chromium for the e2e run: installed with apt-get when missing (the test command may run as root in CI
// containers); `undefined` when it cannot be had, so the run skips with a message instead of failing for a reason
// that has nothing to do with the viewer.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The path of a Chromium binary, installing Debian's package if needed; undefined with the reason otherwise. */
export function ensureChromium(): { path?: string; reason?: string } {
  if (existsSync(CHROMIUM_PATH)) return { path: CHROMIUM_PATH };
  const install = spawnSync('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq chromium'], {
    stdio: 'inherit',
    timeout: 600_000,
  });
  if (existsSync(CHROMIUM_PATH)) return { path: CHROMIUM_PATH };
  return {
    reason: `apt-get install chromium failed (exit ${install.status ?? install.signal}); ${CHROMIUM_PATH} is missing`,
  };
}

/** Flags for a quiet, sandbox-free headless run that never talks to Google's services. */
export function chromiumArgs(): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-quic',
    '--no-first-run',
    '--disable-component-update',
    '--disable-sync',
    // No --user-data-dir: playwright-core's launch() refuses it and gives every launch a new temporary profile.
  ];
}
