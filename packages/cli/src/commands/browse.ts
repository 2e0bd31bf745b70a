// `ember-archive browse [target]`: the terminal UI (also what `ember-archive` alone starts in a terminal).
import { InvalidInputError } from '@ember-archive/core';
import { prewarmHdf5Worker, setHdf5WorkerPoolLimits } from '@ember-archive/core/node';
import { targetOf, type Command, type CommandArgs, type CommandIo } from './command.js';
import { explorerFromArgs } from './open-file-target.js';

/** The `browse` subcommand. */
export const browseCommand: Command = {
  name: 'browse',
  summary: 'Explore the archive in the terminal UI (the default in a terminal): folders, HDF5/NWB trees, pose',
  usage: 'browse [target] [--api URL] [--s3-endpoint URL]',
  options: {},
  run: runBrowse,
};

async function runBrowse(args: CommandArgs, io: CommandIo): Promise<number> {
  const input = targetOf(args, 'browse', 'optional');
  if (io.stdout.isTTY !== true || process.stdin.isTTY !== true) {
    throw new InvalidInputError(
      'The terminal UI needs a terminal; in scripts use `ember-archive ls` and the other commands.',
    );
  }
  // Files open on keypresses here: an HDF5 worker started while the UI loads, and idle workers kept for two
  // minutes rather than five seconds, spare an open the worker's start (bench/README.md, "Pose chart in the
  // terminal UI").
  setHdf5WorkerPoolLimits({ idleTimeoutMs: 120_000 });
  prewarmHdf5Worker();
  const explorer = explorerFromArgs(args, io);
  const { archive } = explorer;
  // A bad identifier fails here, as one line, before the screen is taken over.
  const target = input === undefined ? undefined : archive.format(archive.parse(input));
  // The UI (Ink, React) loads only here, so every other command starts without it.
  const [{ runTui }, { createArchiveServices }] = await Promise.all([
    import('../ui/run-tui.js'),
    import('../ui/services/archive-services.js'),
  ]);
  const streams = { stdin: process.stdin, stdout: io.stdout as NodeJS.WriteStream };
  await runTui(explorer, target || undefined, streams, createArchiveServices(archive));
  return 0;
}
