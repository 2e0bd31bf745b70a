// Open the HDF5 file a user names, whatever identifier form they use (local path, s3:// or bucket URL, dandiset
// path, asset URL): the Archive resolves it, openHdf5 reads it by ranges. The file name travels along because JABS
// pose versions live in file names (`_pose_est_v5.h5`), which blob URLs do not show.
import type { Hdf5File } from '@ember-archive/core';
import { openHdf5 } from '@ember-archive/core/node';
import { archiveFromArgs } from './archive-from-args.js';
import { targetOf, type CommandArgs, type CommandIo } from './command.js';

/** An open file and the name it has in the archive. */
export interface OpenedTarget {
  file: Hdf5File;
  name: string;
}

/** Resolve the single positional target of `args` and open it as HDF5. */
export async function openFileTarget(args: CommandArgs, io: CommandIo, command: string): Promise<OpenedTarget> {
  const input = targetOf(args, command, 'file');
  const archive = archiveFromArgs(args, io);
  const where = await archive.resolveFile(archive.parse(input));
  const file = await openHdf5(where.kind === 'local' ? where.path : where.url);
  return { file, name: where.name };
}
