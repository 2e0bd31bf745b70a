// Runs the built command as users do. Needs `dist/` (turbo runs `build` before `test`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { get } from 'node:https';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bin.js');

describe.skipIf(!existsSync(bin))('ember-sample-archive (dist/bin.js)', () => {
  it('prints {s3, api, bucket} as its first stdout line, serves, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [bin, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`exited ${code} before printing: ${stderr}`)));
      });
      const ready = JSON.parse(line) as Record<string, string>;
      expect(Object.keys(ready).sort()).toEqual(['api', 'bucket', 's3']);
      expect(ready.bucket).toBe('ember-open-data');
      const info = (await (await fetch(`${ready.api}/info/`)).json()) as { services: { api: { url: string } } };
      expect(info.services.api.url).toBe(ready.api);
      const listing = await fetch(`${ready.s3}/ember-open-data?list-type=2&delimiter=/`);
      expect(await listing.text()).toContain('<Prefix>other/</Prefix>');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 120_000);

  it('with --tls prints https URLs and the CA file, which a client then trusts', async () => {
    const child = spawn(process.execPath, [bin, '--port', '0', '--tls', '--rate', '100mbit'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`exited ${code} before printing: ${stderr}`)));
      });
      const ready = JSON.parse(line) as Record<string, string>;
      expect(Object.keys(ready).sort()).toEqual(['api', 'bucket', 'ca', 's3']);
      expect(ready.s3).toMatch(/^https:\/\//);
      const ca = readFileSync(ready.ca!, 'utf8');
      const status = await new Promise<number | undefined>((resolve, reject) => {
        get(`${ready.api}/info/`, { ca }, (res) => {
          res.resume();
          resolve(res.statusCode);
        }).on('error', reject);
      });
      expect(status).toBe(200);
      expect(stderr).toMatch(/serving s3 https:\/\/\S+ at 100mbit .*NODE_EXTRA_CA_CERTS=/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 120_000);

  it('documents its options and rejects bad ones with exit code 2', () => {
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--port N .*S3 on port N and the API on port N\+1/s);
    const bad = spawnSync(process.execPath, [bin, '--port', 'eighty'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--port takes a non-negative integer/);
    expect(help.stdout).toMatch(/--tls .*NODE_EXTRA_CA_CERTS.*--rate RATE .*1gbit or 100mbit/s);
    const badRate = spawnSync(process.execPath, [bin, '--rate', 'fast'], { encoding: 'utf8' });
    expect(badRate.status).toBe(2);
    expect(badRate.stderr).toMatch(/--rate: A rate is a number of bits per second/);
    const caWithoutTls = spawnSync(process.execPath, [bin, '--ca-file', '/tmp/x.pem'], { encoding: 'utf8' });
    expect(caWithoutTls.status).toBe(2);
    expect(caWithoutTls.stderr).toMatch(/give --tls too/);
  });
});
