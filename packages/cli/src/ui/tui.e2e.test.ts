// End to end: the built `ember-archive` with no arguments, in a real terminal (tmux), against the sample archive
// on loopback. Keys go in with `tmux send-keys`; what the user would see comes back with `tmux capture-pane`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

const shows = (pattern: RegExp | string) => (text: string) =>
  typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);

function press(...keys: string[]): void {
  tmux('send-keys', '-t', SESSION, ...keys);
}

/**
 * An S3 endpoint in front of the sample one that sends bodies at about `bytesPerSecond`, so a download from the UI
 * is still running when the test cancels it (the sample files are small and loopback is fast).
 */
function slowProxy(target: string, bytesPerSecond: number): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const upstream = request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.on('data', (chunk: Buffer) => {
          answer.pause();
          res.write(chunk, () => setTimeout(() => answer.resume(), (chunk.length / bytesPerSecond) * 1000));
        });
        answer.on('end', () => res.end());
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, server });
    }),
  );
}

let sample: RunningSampleArchive;
let proxy: { url: string; server: Server };
let downloads: string;

beforeAll(async () => {
  sample = await startSampleArchive();
  proxy = await slowProxy(sample.s3, 64_000);
  downloads = mkdtempSync(join(tmpdir(), 'ember-tui-e2e-'));
  const command = `node '${BIN}'; echo "[exit $?]"; sleep 60`;
  // CI=false: under CI=true (as CI runs this suite) Ink draws only the final frame, which is not what a user sees.
  const env = [
    `EMBER_API_URL=${sample.api}`,
    `EMBER_S3_ENDPOINT=${proxy.url}`,
    'CI=false',
    'CONTINUOUS_INTEGRATION=false',
  ];
  // The UI's working folder is where downloads go unless the user types another.
  tmux(
    'new-session',
    '-d',
    '-s',
    SESSION,
    '-x',
    '110',
    '-y',
    '30',
    '-c',
    downloads,
    ...env.flatMap((e) => ['-e', e]),
    'sh',
    '-c',
    command,
  );
}, 120_000);

afterAll(async () => {
  try {
    tmux('kill-server');
  } catch {
    // already gone
  }
  await new Promise((resolve) => proxy?.server.close(resolve));
  await sample?.close();
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

const BRAILLE_CHART = /[\u2801-\u28ff]{6}/;
const framesShown = (text: string) =>
  /frames ([\d,]+)–([\d,]+)\/([\d,]+)/
    .exec(text)
    ?.slice(1)
    .map((n) => Number(n.replace(/,/g, '')));

describe('ember-archive in a terminal', () => {
  it('browses, charts an NWB pose file, zooms, switches keypoint, downloads and cancels, and quits with q', async () => {
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

    // The notebook's plot: 000463 → sub-ADPTM01 → the NWB file → p, straight onto the chart of the first keypoint.
    press('Enter');
    await waitForScreen(shows(/› ▸ sub-ADPTM01\//), 'the subjects of 000463');
    press('Enter');
    await waitForScreen(shows(/›\s+sub-ADPTM01_ses-\S+\.nwb/), 'the NWB files of sub-ADPTM01');
    press('p');
    text = await waitForScreen(
      (t) => BRAILLE_CHART.test(t) && t.includes('x (px') && t.includes('y (px'),
      'the braille chart',
    );
    expect(text).toMatch(/ s$/m);
    const [first, last, count] = framesShown(text) ?? [];
    expect(first).toBe(0);
    const legend = /━━ (\S+)/.exec(text)?.[1];
    expect(legend).toBeTruthy();

    // Zoom in: half the frames, asked of core as a refined window.
    press('+');
    text = await waitForScreen(
      (t) => (framesShown(t)?.[1] ?? Infinity) < (last ?? 0) && BRAILLE_CHART.test(t),
      'the zoomed chart',
    );
    expect(framesShown(text)?.[2]).toBe(count);
    // The next keypoint.
    press('Down');
    text = await waitForScreen(
      (t) => /━━ (\S+)/.exec(t)?.[1] !== legend && BRAILLE_CHART.test(t),
      'the second keypoint',
    );

    // At 60 columns the chart still fits, redrawn for the new width.
    tmux('resize-window', '-t', SESSION, '-x', '60', '-y', '24');
    text = await waitForScreen(
      (t) => BRAILLE_CHART.test(t) && t.split('\n').every((l) => l.length <= 60) && t.includes('x (px'),
      'the chart at 60 columns',
    );
    tmux('resize-window', '-t', SESSION, '-x', '110', '-y', '30');

    press('Escape');
    await waitForScreen(shows(/›\s+sub-ADPTM01_ses-\S+\.nwb/), 'back in the listing');
    press('BSpace');
    await waitForScreen(shows(/› ▸ sub-ADPTM01\//), 'up in 000463');
    press('BSpace');
    await waitForScreen((t) => /› ▸ 000463\//.test(t) && t.includes('kumar2025/'), 'back at the root');

    press('Up');
    press('Enter');
    await waitForScreen(shows('pose_files/'), 'the kumar2025 project');
    press('Down');
    await waitForScreen(shows(/› ▸ pose_files\//), 'the cursor on pose_files');

    // Download the folder: the destination is asked once, then bars; x cancels and keeps what is on disk.
    press('d');
    await waitForScreen((t) => t.includes('Download into folder:') && t.includes(downloads), 'the destination prompt');
    press('Enter');
    text = await waitForScreen((t) => /\d+% /.test(t) && t.includes('ETA'), 'the download bars');
    press('x');
    await waitForScreen(shows('Cancelled; partial files are kept'), 'the download cancelled');
    press('Escape');
    await waitForScreen(shows(/› ▸ pose_files\//), 'back in the project');

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
    text = await waitForScreen((t) => BRAILLE_CHART.test(t) && t.includes('━━ nose'), 'the JABS chart');
    expect(text).toMatch(/jabs v\d/);

    press('?');
    await waitForScreen(shows('Keys (press ? again to close)'), 'the help');
    press('?');
    await waitForScreen((t) => !t.includes('Keys (press ?') && t.includes('━━ nose'), 'the help closed');

    press('q');
    text = await waitForScreen(shows('[exit 0]'), 'the program to exit');
    // The alternate screen is gone: the user's terminal is as it was.
    expect(text).not.toContain('━━');
  }, 180_000);
});
