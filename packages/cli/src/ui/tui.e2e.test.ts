// End to end: the built `ember-archive` with no arguments, in a real terminal (tmux), against the sample archive
// on loopback. Keys go in with `tmux send-keys`; what the user would see comes back with `tmux capture-pane`.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSampleArchive, type RunningSampleArchive } from '@ember-archive/sample-archive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/ember-archive.js', import.meta.url));
// A private tmux server, so the test never touches the user's sessions.
const SOCKET = `ember-tui-e2e-${process.pid}`;
const SESSION = 'tui';

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8', timeout: 10_000 });
}

function screen(): string {
  return tmux('capture-pane', '-p', '-t', SESSION);
}

/** Wait until the screen satisfies `test`; fail with the screen as it is after `timeoutMs`. */
async function waitForScreen(test: (text: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (test(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen was:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const shows = (pattern: RegExp | string) => (text: string) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));

function press(...keys: string[]): void {
  tmux('send-keys', '-t', SESSION, ...keys);
}

let sample: RunningSampleArchive;

beforeAll(async () => {
  sample = await startSampleArchive();
  const command = `node '${BIN}'; echo "[exit $?]"; sleep 60`;
  // CI=false: under CI=true (as CI runs this suite) Ink draws only the final frame, which is not what a user sees.
  const env = [`EMBER_API_URL=${sample.api}`, `EMBER_S3_ENDPOINT=${sample.s3}`, 'CI=false', 'CONTINUOUS_INTEGRATION=false'];
  tmux('new-session', '-d', '-s', SESSION, '-x', '110', '-y', '30', ...env.flatMap((e) => ['-e', e]), 'sh', '-c', command);
}, 120_000);

afterAll(async () => {
  try {
    tmux('kill-server');
  } catch {
    // already gone
  }
  await sample?.close();
});

describe('ember-archive in a terminal', () => {
  it('browses folders, opens a pose file, and quits with q', async () => {
    // No command in a terminal: the UI, on the archive root, projects and dandisets side by side.
    let text = await waitForScreen((t) => t.includes('kumar2025/') && t.includes('000463/'), 'the root listing');
    expect(text).toContain('EMBER archive: projects and dandisets');
    expect(text).toMatch(/› ▸ kumar2025\//);
    expect(text).toMatch(/q quit/);

    press('Down');
    await waitForScreen(shows(/› ▸ 000463\//), 'the cursor on 000463');
    press('Enter');
    text = await waitForScreen(shows('sub-'), 'the dandiset folders');
    expect(text).toContain('dandi://ember-dandi/000463');
    press('BSpace');
    await waitForScreen((t) => /› ▸ 000463\//.test(t) && t.includes('kumar2025/'), 'back at the root, cursor kept');

    press('Up');
    press('Enter');
    await waitForScreen(shows('pose_files/'), 'the kumar2025 project');
    press('Down');
    await waitForScreen(shows(/› ▸ pose_files\//), 'the cursor on pose_files');
    press('Enter');
    text = await waitForScreen(shows('_pose_est_v'), 'the pose files');
    expect(text).toMatch(/KB/);

    press('Enter');
    await waitForScreen(shows('poseest/'), 'the object tree of the first pose file');
    press('Enter');
    text = await waitForScreen(shows(/points \(\d+, 12, 2\) uint16/), 'the expanded /poseest group');
    press('Down');
    await waitForScreen((t) => /shape\s+\(\d+, 12/.test(t) && t.includes('First values'), 'dataset details');

    press('p');
    text = await waitForScreen((t) => t.includes('keypoint') && t.includes('nose'), 'the pose screen');
    expect(text).toMatch(/jabs v\d/);
    expect(text).toMatch(/[▁▂▃▄▅▆▇█]{10}/);

    press('?');
    await waitForScreen(shows('Keys (press ? again to close)'), 'the help');
    press('?');
    await waitForScreen((t) => !t.includes('Keys (press ?') && t.includes('x over time'), 'the help closed');

    press('q');
    text = await waitForScreen(shows('[exit 0]'), 'the program to exit');
    // The alternate screen is gone: the user's terminal is as it was.
    expect(text).not.toContain('keypoint');
  });
});
