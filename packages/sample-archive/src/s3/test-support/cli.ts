// Running the real S3 clients (Debian's aws CLI, rclone) against a loopback server: a throwaway HOME and
// config so they never read the developer's credentials or reach the network, and a clear failure naming
// scripts/system-packages.sh when a client is not installed.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ObjectStore } from '../../store.js';

/** A sandbox for command-line clients. */
export interface CliSandbox {
  /** A scratch folder for downloads. */
  readonly dir: string;
  /** Run `command args...` in the sandbox; resolves with stdout, rejects with stderr in the message. */
  run(command: string, args: readonly string[]): Promise<string>;
  /** Like run, with stdout as raw bytes. */
  runBytes(command: string, args: readonly string[]): Promise<Buffer>;
  cleanup(): void;
}

/** Path of a client, preferring the Debian package's; throws naming scripts/system-packages.sh if absent. */
export function findClient(name: 'aws' | 'rclone'): string {
  const debian = `/usr/bin/${name}`;
  const probe = spawnSync('sh', ['-c', `test -x ${debian} && echo ${debian} || command -v ${name}`], {
    encoding: 'utf8',
  });
  const path = probe.stdout.trim();
  if (path === '') {
    throw new Error(
      `${name} is not installed: run scripts/system-packages.sh (CI installs it) to get the Debian package.`,
    );
  }
  return path;
}

/** A sandbox whose environment holds only PATH, a locale and client settings that keep them offline. */
export function createCliSandbox(): CliSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'ember-s3-cli-'));
  const awsConfig = join(dir, 'aws-config');
  const rcloneConfig = join(dir, 'rclone.conf');
  writeFileSync(awsConfig, '');
  writeFileSync(rcloneConfig, '');
  // Deliberately not inheriting process.env: AWS_CA_BUNDLE, proxies or real credentials there would change
  // what the clients do (rclone even refuses to start with a CA bundle on a plain-HTTP endpoint).
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    LC_ALL: 'C.UTF-8',
    LANG: 'C.UTF-8',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: awsConfig,
    AWS_SHARED_CREDENTIALS_FILE: awsConfig,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_PAGER: '',
    RCLONE_CONFIG: rcloneConfig,
  };
  const runBytes = (command: string, args: readonly string[]): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      const options = { env, cwd: dir, maxBuffer: 64 * 1024 * 1024, timeout: 45_000, encoding: 'buffer' as const };
      execFile(command, [...args], options, (error, stdout, stderr) => {
        if (error)
          reject(new Error(`${command} ${args.join(' ')} failed: ${stderr.toString('utf8').trim() || error.message}`));
        else resolve(stdout);
      });
    });
  return {
    dir,
    run: async (command, args) => (await runBytes(command, args)).toString('utf8'),
    runBytes,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The bytes the store holds under `key`, read through the same stream the server sends. */
export async function objectBytes(store: ObjectStore, key: string): Promise<Buffer> {
  const object = store.get(key);
  if (object === undefined) throw new Error(`no object ${key}`);
  if (object.size === 0) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of object.read(0, object.size - 1) as Readable) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
