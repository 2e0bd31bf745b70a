// The command tests run `ember-archive` in process: main(argv, io) with stdout and stderr captured, so each test
// sees the exit code and exactly what a user would read.
import { PassThrough } from 'node:stream';
import { main } from '../../main.js';

/** The exit code and what main() wrote to stdout and stderr. */
export interface MainRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** How to run main(). */
export interface RunMainOptions {
  /** The environment main() reads its settings from; empty by default, so this machine's settings stay out. */
  env?: Record<string, string | undefined>;
  /** Whether stdout says it is a terminal (`isTTY`); stderr never does. */
  tty?: boolean;
}

/** Run `ember-archive argv` in process and collect its output (decoded once at the end, whole). */
export async function runMain(argv: string[], options: RunMainOptions = {}): Promise<MainRun> {
  const stdout = Object.assign(new PassThrough(), { isTTY: options.tty === true });
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await main(argv, { stdout, stderr, env: options.env ?? {} });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}
