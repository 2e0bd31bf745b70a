import { describe, expect, it } from 'vitest';
import { VERSION } from '@ember-archive/core';
import { runMain } from './commands/test-support/run-main.js';

describe('main', () => {
  it.each([['--version'], ['-V'], ['version']])('prints the version for %s', async (flag) => {
    expect(await runMain([flag])).toEqual({ code: 0, stdout: `ember-archive ${VERSION}\n`, stderr: '' });
  });

  it('lists the commands for --help, and says how to find them for an unknown one', async () => {
    const help = await runMain(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['ls', 'tree', 'cat', 'nwb', 'pose', 'download', 'browse']) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(await runMain(['frobnicate'])).toEqual({ code: 2, stdout: '', stderr: 'ember-archive: Unknown command "frobnicate"; run `ember-archive --help` for the list.\n' });
  });
});
