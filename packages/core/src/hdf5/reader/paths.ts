// Paths inside an HDF5 file as the reader spells them, and the errors and sentences it builds around them.
import { classifyHdf5Error } from '../shared/hdf5-errors.js';
import { ReaderError } from '../shared/reader-error.js';

/** `/a/b` form of a user path: leading slash, no trailing or doubled slashes. */
export function normalize(path: string): string {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  return `/${parts.join('/')}`;
}

/** `parent/name` without doubling the root's slash. */
export function join(parent: string, name: string): string {
  return parent === '/' ? `/${name}` : `${parent}/${name}`;
}

/** The error for a path where nothing exists. */
export function notFound(path: string): ReaderError {
  return new ReaderError({ kind: 'not-found', message: `Nothing exists at ${path} in this file.` });
}

/** Bytes as lowercase hex. */
export function hex(bytes: Uint8Array): string {
  // Not Buffer: this module also runs in browsers and edge runtimes (the in-process reader).
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** One sentence saying why an HDF5 call failed, from its typed kind's message. */
export function sentence(error: unknown): string {
  const message = classifyHdf5Error(error)
    .message.trim()
    .replace(/\.\s*$/, '');
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
}
