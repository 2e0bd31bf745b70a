// Writing HDF5 with h5wasm the way h5py writes it: MEMFS temp files, the HDF5 1.8-compatible file format h5py uses by
// default (libver earliest..v110, superblock 0, as every corpus file has), explicit dtypes (h5wasm would store
// 1.0 as int32), and a frozen clock so that object modification times, and so the bytes, never depend on when we ran.
import h5wasm, { type Dataset, type File, type Group } from 'h5wasm';
import { SAMPLE_EPOCH } from '../store.js';
import { guessChunks } from './chunks.js';

/** The loaded h5wasm Emscripten module (its FS is MEMFS in the ESM build). */
export type H5Module = Awaited<typeof h5wasm.ready>;

let module: Promise<H5Module> | undefined;

/** The h5wasm module, loaded once, with HDF5 errors turned into exceptions (silent failures otherwise). */
export function loadH5wasm(): Promise<H5Module> {
  module ??= h5wasm.ready.then((m) => {
    // The wasm HDF5 only throws when told to (h5wasm README, "error handling").
    m.activate_throwing_error_handler();
    return m;
  });
  return module;
}

let tempCounter = 0;

/** A fresh MEMFS path for a temporary file. */
export function tempPath(): string {
  tempCounter += 1;
  return `/ember-sample-${process.pid}-${tempCounter}.h5`;
}

/** Run `fn` with `Date.now` fixed at the sample epoch: HDF5 stamps object headers through emscripten's `time()`. */
export function withFrozenClock<T>(fn: () => T): T {
  const realNow = Date.now;
  const frozen = SAMPLE_EPOCH.getTime();
  Date.now = () => frozen;
  try {
    return fn();
  } finally {
    Date.now = realNow;
  }
}

/** Open a new HDF5 file at a MEMFS `path` in the layout h5py writes by default. */
export function createH5pyLikeFile(path: string): File {
  return new h5wasm.File(path, 'w', { libver: ['earliest', 'v110'] });
}

/** Build an HDF5 file in memory with `build` and return its bytes; the temp file is always removed. */
export async function writeHdf5Bytes(build: (file: File) => void): Promise<Uint8Array> {
  const m = await loadH5wasm();
  const path = tempPath();
  try {
    return withFrozenClock(() => {
      const file = createH5pyLikeFile(path);
      try {
        build(file);
      } catch (error) {
        // Closing a file HDF5 has just failed on may throw too; the first error is the one worth reporting.
        try {
          file.close();
        } catch {
          // ignored in favour of `error`
        }
        throw error;
      }
      file.close();
      return m.FS.readFile(path);
    });
  } finally {
    unlinkQuietly(m, path);
  }
}

/** Remove a MEMFS file if it exists. */
export function unlinkQuietly(m: H5Module, path: string): void {
  try {
    m.FS.unlink(path);
  } catch {
    // Already gone (or never created because HDF5 failed before opening it).
  }
}

type Attributable = Group | Dataset;

/** A scalar variable-length UTF-8 string attribute, as h5py writes a Python `str`. */
export function attrText(target: Attributable, name: string, value: string): void {
  target.create_attribute(name, value, null, 'S');
}

/** A 1-D variable-length UTF-8 string array attribute (e.g. DynamicTable `colnames`). */
export function attrTextArray(target: Attributable, name: string, values: readonly string[]): void {
  target.create_attribute(name, [...values], [values.length], 'S');
}

/** A scalar float64 attribute. */
export function attrFloat64(target: Attributable, name: string, value: number): void {
  target.create_attribute(name, new Float64Array([value]), [], '<d');
}

/** A scalar float32 attribute. */
export function attrFloat32(target: Attributable, name: string, value: number): void {
  target.create_attribute(name, new Float32Array([value]), [], '<f');
}

/** A scalar int64 attribute (what h5py stores for a Python int). */
export function attrInt64(target: Attributable, name: string, value: number): void {
  target.create_attribute(name, new BigInt64Array([BigInt(value)]), [], '<q');
}

/** The neurodata_type / namespace / object_id triple every typed NWB object carries. */
export function attrNeurodataType(target: Attributable, namespace: string, type: string, objectId: string): void {
  attrText(target, 'namespace', namespace);
  attrText(target, 'neurodata_type', type);
  attrText(target, 'object_id', objectId);
}

/** A scalar variable-length UTF-8 string dataset. */
export function textDataset(group: Group, name: string, value: string): Dataset {
  return group.create_dataset({ name, data: value, shape: [], dtype: 'S' });
}

/** A 1-D variable-length UTF-8 string dataset. */
export function textArrayDataset(group: Group, name: string, values: readonly string[]): Dataset {
  return group.create_dataset({ name, data: [...values], shape: [values.length], dtype: 'S' });
}

/** A 1-D variable-length ASCII string dataset (pynwb writes `file_create_date` this way). */
export function asciiArrayDataset(group: Group, name: string, values: readonly string[]): Dataset {
  return group.create_dataset({ name, data: [...values], shape: [values.length], dtype: 'A' });
}

/** A scalar float64 dataset. */
export function float64Scalar(group: Group, name: string, value: number): Dataset {
  return group.create_dataset({ name, data: new Float64Array([value]), shape: [], dtype: '<d' });
}

type Numeric =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

const DTYPE_OF: Record<string, string> = {
  Int8Array: '<b',
  Uint8Array: '<B',
  Int16Array: '<h',
  Uint16Array: '<H',
  Int32Array: '<i',
  Uint32Array: '<I',
  BigInt64Array: '<q',
  BigUint64Array: '<Q',
  Float32Array: '<f',
  Float64Array: '<d',
};

/** The explicit dtype string for a typed array. */
export function dtypeOf(data: Numeric): string {
  const dtype = DTYPE_OF[data.constructor.name];
  if (dtype === undefined) throw new TypeError(`No HDF5 dtype for ${data.constructor.name}.`);
  return dtype;
}

/** Options of a numeric dataset: `gzip` level with chunks (h5py's guess unless given), or contiguous. */
export interface NumericOptions {
  gzip?: number;
  chunks?: number[];
}

/** A numeric dataset with an explicit dtype; chunked and deflated when `gzip` is set. */
export function numericDataset(
  group: Group,
  name: string,
  data: Numeric,
  shape: number[],
  options: NumericOptions = {},
): Dataset {
  const dtype = dtypeOf(data);
  if (options.gzip === undefined) return group.create_dataset({ name, data, shape, dtype });
  return group.create_dataset({
    name,
    data,
    shape,
    dtype,
    chunks: options.chunks ?? guessChunks(shape, data.BYTES_PER_ELEMENT),
    compression: 'gzip',
    compression_opts: options.gzip,
  });
}
