// Open the HDF5 file a user names, whatever identifier form they use (local path, s3:// or bucket URL, dandiset
// path, asset URL), through core's explorer seam: the Archive resolves it and the file is read by ranges. The
// `#/path` fragment of the identifier travels along for the commands that take an object path.
import { createNodeExplorer, type InProcessExplorer, type InProcessFile } from '@ember-archive/core/node';
import type { Archive } from '@ember-archive/core';
import { archiveFromArgs } from './archive-from-args.js';
import { targetOf, type CommandArgs, type CommandIo } from './command.js';

/** An open file and the object path named after `#` in its identifier, if any. */
export interface OpenedTarget {
  file: InProcessFile;
  fragment: string | undefined;
}

/** How the root of `archive` is named to users: its bucket, S3 endpoint and DANDI API. */
export function rootLabelOf(archive: Archive): string {
  const instance = archive.config.instances[archive.config.defaultInstance];
  return `bucket ${archive.config.s3.bucket} at ${archive.config.s3.endpoint} · DANDI API ${instance?.api ?? '?'}`;
}

/** The explorer over the archive that `args` and the environment configure. */
export function explorerFromArgs(args: CommandArgs, io: CommandIo): InProcessExplorer {
  const archive = archiveFromArgs(args, io);
  return createNodeExplorer(archive, rootLabelOf(archive));
}

/** Open `input` through `explorer`, keeping its `#/path` fragment. */
export async function openTarget(explorer: InProcessExplorer, input: string): Promise<OpenedTarget> {
  const target = explorer.archive.parse(input);
  const fragment = 'fragment' in target && target.fragment ? target.fragment : undefined;
  return { file: await explorer.open(input), fragment };
}

/** Resolve the single positional target of `args` and open it as HDF5. */
export async function openFileTarget(args: CommandArgs, io: CommandIo, command: string): Promise<OpenedTarget> {
  return openTarget(explorerFromArgs(args, io), targetOf(args, command, 'file'));
}
