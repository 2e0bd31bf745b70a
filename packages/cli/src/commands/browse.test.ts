// `ember-archive` with no command, and `browse`, when the output is not a terminal (the UI itself is driven in a
// real terminal by src/ui/tui.e2e.test.ts).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await main(argv, { stdout, stderr, env: {} });
  return { code, stdout: out, stderr: err };
}

describe('browse outside a terminal', () => {
  it('prints the help when there is no command and no terminal', async () => {
    const { code, stdout } = await run([]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: ember-archive/);
    expect(stdout).toMatch(/browse\s+Explore the archive in the terminal UI/);
  });
  it('says in one line that the UI needs a terminal', async () => {
    const { code, stdout, stderr } = await run(['browse']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('ember-archive: The terminal UI needs a terminal; in scripts use `ember-archive ls` and the other commands.\n');
  });
  it('rejects two targets before anything else', async () => {
    const { code, stderr } = await run(['browse', 'a', 'b']);
    expect(code).toBe(2);
    expect(stderr).toContain('browse takes one target, not 2');
  });
});
