// `ember-archive serve` on the sample archive, as a person would start it (see the README), on a free loopback port.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSampleArchive, type RunningSampleArchive } from '@ember-archive/sample-archive';

const CLI = fileURLToPath(new URL('../../cli/bin/ember-archive.js', import.meta.url));
const DIST = fileURLToPath(new URL('../dist', import.meta.url));

/** A running viewer server and the sample archive behind it. */
export interface RunningViewer {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the sample archive (`large`: with its >= 1 GiB NWB) and `ember-archive serve --port 0` against it; resolves
 * once the server prints its URL.
 */
export async function startViewer({ large = false }: { large?: boolean } = {}): Promise<RunningViewer> {
  const sample: RunningSampleArchive = await startSampleArchive({ large });
  const env = { ...process.env, EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3 };
  const args = [CLI, 'serve', '--port', '0', '--host', '127.0.0.1', '--web', DIST];
  const child: ChildProcess = spawn(process.execPath, args, {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ember-archive serve printed no URL in 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`ember-archive serve exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await sample.close();
    },
  };
}
