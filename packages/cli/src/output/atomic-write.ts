// Write an output file all at once or not at all: pieces go to a temporary file beside the destination, which is
// renamed over it only after every piece was written and flushed. A failure removes the temporary file.
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DestinationError } from '@ember-archive/core';

/** Write `pieces` to `path` atomically; resolves to the bytes written. */
export async function writeFileAtomically(path: string, pieces: Iterable<string>): Promise<number> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.partial`);
  let bytes = 0;
  try {
    const handle = await open(temp, 'wx');
    try {
      let buffer = '';
      for (const piece of pieces) {
        buffer += piece;
        if (buffer.length >= 1 << 20) {
          bytes += (await handle.write(buffer)).bytesWritten;
          buffer = '';
        }
      }
      if (buffer.length > 0) bytes += (await handle.write(buffer)).bytesWritten;
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    return bytes;
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    const reason =
      error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : 'an error';
    throw new DestinationError(`Could not write ${path} (${reason}); nothing was written there.`, path);
  }
}
