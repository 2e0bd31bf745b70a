// What went wrong inside HDF5, in two steps shared by the worker and the in-process (edge) reader: the kind of a
// failure, told from h5wasm's exception (its throwing handler puts the HDF5-DIAG stack in the message), and the typed
// error a user sees for that kind.
import {
  CorruptFileError,
  InvalidInputError,
  NetworkError,
  NotFoundError,
  NotHdf5Error,
  SelectionTooLargeError,
  UnsupportedError,
} from '../../errors.js';
import type { WorkerError } from './worker-protocol.js';
import { ReaderError } from './reader-error.js';

/** The kind of a failure of an HDF5 call (the source's own failures are reported before this is asked). */
export function classifyHdf5Error(error: unknown): WorkerError {
  if (error instanceof ReaderError) return error.detail;
  if (error instanceof InvalidInputError) return { kind: 'invalid-input', message: error.message };
  if (error instanceof WebAssembly.RuntimeError) {
    return { kind: 'corrupt', message: `the HDF5 engine stopped (${error.message.split('.')[0]})`, fatal: true };
  }
  const text = error instanceof Error ? error.message : String(error);
  if (/file signature not found|not an hdf5 file/i.test(text))
    return { kind: 'not-hdf5', message: 'no HDF5 signature was found' };
  // A link of a user-defined class (H5Lregister) whose handler this HDF5 does not have: h5py skips it too. Before the filter
  // rule: HDF5's stack for it also says "not registered".
  if (/unable to find link class/i.test(text)) {
    return {
      kind: 'unsupported',
      message: 'a link of a user-defined class, which HDF5 cannot follow without its handler',
    };
  }
  if (/float16 not supported/i.test(text))
    return { kind: 'unsupported', message: 'float16 values cannot be decoded by this HDF5 engine' };
  // h5wasm has typed arrays for 4- and 8-byte floats only (hdf5_hl.ts getAccessor): long double is not corrupt.
  const float = /Float(\d+) not supported/i.exec(text);
  if (float) return { kind: 'unsupported', message: `${float[1]}-bit floats cannot be decoded by this HDF5 engine` };
  // HDF5 refuses to change an enum's byte order once it has members (H5T_set_order), which h5wasm does on every read.
  if (/operation not allowed after enum members are defined/i.test(text)) {
    return { kind: 'unsupported', message: 'big-endian enum values cannot be converted by this HDF5 engine' };
  }
  if (/required filter|can't find plugin|not registered/i.test(text))
    return { kind: 'unsupported', message: lastDiagnostic(text) };
  // A soft link that leads back to itself (HDF5 gives up after 16 hops, H5L_NUM_LINKS): nothing is there, no damage.
  if (/too many links/i.test(text))
    return { kind: 'not-found', message: 'the soft link leads back to itself (too many links)' };
  if (/allocation|exceeds maximum memory|out of memory/i.test(text))
    return { kind: 'too-large', message: lastDiagnostic(text) };
  return { kind: 'corrupt', message: lastDiagnostic(text) };
}

/** The most specific line of an HDF5-DIAG stack (the last "#nnn: ... in F(): message" entry). */
function lastDiagnostic(text: string): string {
  const entries = [...text.matchAll(/#\d+: .*? in [^:]+\(\): ([^\n]+)/g)].map((m) => m[1]!.trim());
  const last = entries[entries.length - 1];
  return (last ?? text.split('\n')[0] ?? text).replace(/\s+/g, ' ').slice(0, 200);
}

/** The typed error for a failure kind; `sourceError` is the byte source's own error, rethrown as it is. */
export function typedHdf5Error(detail: WorkerError, location: string, sourceError: unknown): Error {
  switch (detail.kind) {
    case 'source':
    case 'source-timeout':
      if (sourceError instanceof Error) return sourceError;
      return new NetworkError(`Reading ${location} failed: ${detail.message}`, location, true);
    case 'not-hdf5':
      return new NotHdf5Error(`${location} is not an HDF5 file (${detail.message}).`, location);
    case 'corrupt':
      return new CorruptFileError(`${location} is truncated or damaged (${detail.message}).`, location);
    case 'unsupported':
      return new UnsupportedError(`Cannot read ${location}: ${detail.message.replace(/\.\s*$/, '')}.`, location);
    case 'not-found':
      return new NotFoundError(detail.message, location);
    case 'invalid-input':
      return new InvalidInputError(detail.message, location);
    case 'too-large':
      return new SelectionTooLargeError(detail.message, location, detail.bytes ?? 0, detail.limit ?? 0);
  }
}
