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
    for (const command of ['ls', 'tree', 'cat', 'nwb', 'pose', 'download', 'browse'])
      expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(await runMain(['frobnicate'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'ember-archive: Unknown command "frobnicate"; run `ember-archive --help` for the list.\n',
    });
  });
});

describe('targets', () => {
  it.each([
    [['tree'], /^ember-archive: tree needs a file target: an archive identifier, URL or local path\.\n$/],
    [
      ['nwb', 'a', 'b'],
      /^ember-archive: nwb takes exactly one file target, not 2; quote identifiers that contain spaces\.\n$/,
    ],
  ])('%j fails with one sentence and exit code 2', async (argv, message) => {
    const run = await runMain(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
