// Keep every write inside the destination folder. Archive paths come from servers we do not control, so a
// path is checked as text (no "..", no absolute or drive paths, no backslashes) and then on disk (no symlink on
// the way that resolves outside the destination) before anything is created.
import { lstat, mkdir, realpath } from 'node:fs/promises';
import { join, relative, isAbsolute, sep } from 'node:path';
import { DestinationError } from '../errors.js';

/** Check an archive path as text: relative, POSIX, no empty, "." or ".." segments; returns its segments. */
export function checkRelativePath(path: string): string[] {
  const reject = (why: string): never => {
    throw new DestinationError(`Refusing to write "${path}": ${why}.`, path);
  };
  if (path.length === 0) reject('the path is empty');
  if (path.includes('\0')) reject('the path contains a NUL character');
  if (path.includes('\\')) reject('the path contains a backslash');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) reject('the path is absolute');
  const segments = path.split('/');
  for (const segment of segments) {
    if (segment === '..') reject('the path leads out of the destination ("..")');
    if (segment === '' || segment === '.') reject('the path has an empty or "." segment');
  }
  return segments;
}

/** The destination folder, created if missing, as a real path (symlinks in the user's own --dest are theirs). */
export async function prepareDestination(dest: string): Promise<string> {
  try {
    await mkdir(dest, { recursive: true });
    return await realpath(dest);
  } catch (error) {
    throw new DestinationError(`Cannot use "${dest}" as the destination folder: ${(error as Error).message}.`, dest);
  }
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * The absolute path for `path` under `root` (a real path from prepareDestination), with its parent folders
 * created. Throws DestinationError if the path is malformed or any existing component on the way (the file
 * itself included) is a symlink that resolves outside `root`.
 */
export async function resolveInside(root: string, path: string, options: { create: boolean }): Promise<string> {
  const segments = checkRelativePath(path);
  let current = root;
  for (const [index, segment] of segments.entries()) {
    current = join(current, segment);
    const last = index === segments.length - 1;
    const stats = await lstat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw new DestinationError(`Cannot inspect "${current}": ${error.message}.`, current);
    });
    if (stats === undefined) {
      if (!last && options.create) await mkdirInside(current);
      continue;
    }
    if (stats.isSymbolicLink()) {
      const target = await realpath(current).catch(() => undefined);
      if (target === undefined || !isInside(root, target)) {
        throw new DestinationError(
          `Refusing to write "${path}": "${current}" is a symlink that leads outside the destination.`,
          current,
        );
      }
      if (last) throw new DestinationError(`Refusing to write "${path}": the destination file is a symlink.`, current);
    } else if (!last && !stats.isDirectory()) {
      throw new DestinationError(`Cannot write "${path}": "${current}" exists and is not a folder.`, current);
    } else if (last && stats.isDirectory()) {
      throw new DestinationError(`Cannot write "${path}": "${current}" is a folder.`, current);
    }
  }
  return current;
}

async function mkdirInside(folder: string): Promise<void> {
  try {
    await mkdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new DestinationError(`Cannot create folder "${folder}": ${(error as Error).message}.`, folder);
    }
  }
}
