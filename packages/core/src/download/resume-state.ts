// What an interrupted download leaves beside its temporary file so the next run can continue it safely: which
// object it was (size, digest, ETag) and how many bytes of each part are durably on disk. A state that does not
// match the object planned now is discarded, and every kept byte is digested again before the file is renamed.
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ExpectedDigest } from './digest.js';

/** One ranged part: bytes `[start, end]` of which the first `done` are on disk. */
export interface PartState {
  start: number;
  end: number;
  done: number;
}

/** The JSON kept beside `.name.ember-partial`. */
export interface ResumeState {
  version: 1;
  size: number;
  digest: ExpectedDigest;
  /** The ETag the server gave when the download started; a different one means the object changed. */
  etag?: string | undefined;
  parts: PartState[];
}

/** Temporary file and resume state for a destination file (same folder, hidden names). */
export function partialPaths(target: string): { partial: string; state: string } {
  const partial = join(dirname(target), `.${basename(target)}.ember-partial`);
  return { partial, state: `${partial}.json` };
}

/** Parts of `partSize` bytes covering a file of `size` bytes (one empty-range part for an empty file). */
export function planParts(size: number, partSize: number): PartState[] {
  if (size === 0) return [{ start: 0, end: -1, done: 0 }];
  const parts: PartState[] = [];
  for (let start = 0; start < size; start += partSize)
    parts.push({ start, end: Math.min(size, start + partSize) - 1, done: 0 });
  return parts;
}

/** The saved state, if there is one and it describes the same object; anything else reads as "none". */
export async function loadResumeState(
  path: string,
  size: number,
  digest: ExpectedDigest,
  etag: string | undefined,
): Promise<ResumeState | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
  if (!isResumeState(parsed)) return undefined;
  if (parsed.size !== size || parsed.digest.kind !== digest.kind || parsed.digest.value !== digest.value)
    return undefined;
  if (etag && parsed.etag && etag !== parsed.etag) return undefined;
  // Parts must tile the file exactly and no part may claim more than its length.
  let next = 0;
  for (const part of parsed.parts) {
    if (part.start !== next || part.end < part.start - 1 || part.done < 0 || part.done > part.end - part.start + 1)
      return undefined;
    next = part.end + 1;
  }
  return next === size ? parsed : undefined;
}

/** Write the state atomically (temp file + rename), so a crash mid-write leaves the previous state. */
export async function saveResumeState(path: string, state: ResumeState): Promise<void> {
  await writeFile(`${path}.tmp`, JSON.stringify(state));
  await rename(`${path}.tmp`, path);
}

/** Remove the temporary file and its state. */
export async function removePartial(paths: { partial: string; state: string }): Promise<void> {
  await Promise.all([
    rm(paths.partial, { force: true }),
    rm(paths.state, { force: true }),
    rm(`${paths.state}.tmp`, { force: true }),
  ]);
}

function isResumeState(value: unknown): value is ResumeState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const digest = v.digest as Record<string, unknown> | undefined;
  return (
    v.version === 1 &&
    Number.isSafeInteger(v.size) &&
    typeof digest === 'object' &&
    digest !== null &&
    typeof digest.kind === 'string' &&
    typeof digest.value === 'string' &&
    (v.etag === undefined || typeof v.etag === 'string') &&
    Array.isArray(v.parts) &&
    v.parts.every((p: unknown) => {
      const part = p as Record<string, unknown>;
      return (
        typeof p === 'object' &&
        p !== null &&
        Number.isSafeInteger(part.start) &&
        Number.isSafeInteger(part.end) &&
        Number.isSafeInteger(part.done)
      );
    })
  );
}
