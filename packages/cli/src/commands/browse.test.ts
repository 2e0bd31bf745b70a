// `ember-archive` with no command, and `browse`, when the output is not a terminal (the UI itself is driven in a
// real terminal by src/ui/tui.e2e.test.ts).
import { describe, expect, it } from 'vitest';
import { runMain } from './test-support/run-main.js';

describe('browse outside a terminal', () => {
  it('prints the help when there is no command and no terminal', async () => {
    const { code, stdout } = await runMain([]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: ember-archive/);
    expect(stdout).toMatch(/browse\s+Explore the archive in the terminal UI/);
  });
  it('says in one line that the UI needs a terminal', async () => {
    const { code, stdout, stderr } = await runMain(['browse']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'ember-archive: The terminal UI needs a terminal; in scripts use `ember-archive ls` and the other commands.\n',
    );
  });
  it('rejects two targets before anything else', async () => {
    const { code, stderr } = await runMain(['browse', 'a', 'b']);
    expect(code).toBe(2);
    expect(stderr).toContain('browse takes one target, not 2');
  });
});
