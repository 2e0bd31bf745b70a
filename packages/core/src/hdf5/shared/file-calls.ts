// The calls that read an open file, the same in every worker protocol (Node worker_thread, browser Web Worker),
// and the Hdf5File methods that forward them, so each engine only says how a call travels.
import type { AttrInfo, AttrValue, DatasetInfo, DatasetValues, Hdf5File, Hdf5Node, Slice } from '../types.js';
import type { FileReader } from '../reader/file-reader.js';
import type { DatasetStorage } from '../format/storage-types.js';

/** A call that reads an open file. */
export type FileCall =
  | { id: number; op: 'list'; path: string }
  | { id: number; op: 'walk' }
  | { id: number; op: 'node'; path: string }
  | { id: number; op: 'attrs'; path: string }
  | { id: number; op: 'attrInfo'; path: string }
  | { id: number; op: 'dataset'; path: string }
  | { id: number; op: 'storage'; path: string }
  | { id: number; op: 'read'; path: string; selection: Slice[] | undefined };

/** What each file call returns. */
export interface FileCallResults {
  list: Hdf5Node[];
  walk: Hdf5Node[];
  node: Hdf5Node | null;
  attrs: Record<string, AttrValue>;
  attrInfo: Record<string, AttrInfo>;
  dataset: DatasetInfo;
  storage: DatasetStorage;
  read: DatasetValues;
}

/** A file handle that also answers storage() (the Node and browser engines' files, and the edge reader's). */
export interface StorageReader {
  storage(path: string): Promise<DatasetStorage>;
}

type ReadMethods = Pick<Hdf5File, 'list' | 'walk' | 'node' | 'attrs' | 'attrInfo' | 'dataset' | 'read'>;

/** The read methods of an Hdf5File as calls into an engine that answers them elsewhere. */
export abstract class ForwardingHdf5File implements ReadMethods {
  /** Send one call to the engine and resolve with its answer. */
  protected abstract forward<K extends FileCall['op']>(call: FileCall & { op: K }): Promise<FileCallResults[K]>;

  list(path = '/'): Promise<Hdf5Node[]> {
    return this.forward({ id: 0, op: 'list', path });
  }

  walk(): Promise<Hdf5Node[]> {
    return this.forward({ id: 0, op: 'walk' });
  }

  node(path: string): Promise<Hdf5Node | null> {
    return this.forward({ id: 0, op: 'node', path });
  }

  attrs(path: string): Promise<Record<string, AttrValue>> {
    return this.forward({ id: 0, op: 'attrs', path });
  }

  attrInfo(path: string): Promise<Record<string, AttrInfo>> {
    return this.forward({ id: 0, op: 'attrInfo', path });
  }

  dataset(path: string): Promise<DatasetInfo> {
    return this.forward({ id: 0, op: 'dataset', path });
  }

  read(path: string, selection?: Slice[]): Promise<DatasetValues> {
    return this.forward({ id: 0, op: 'read', path, selection });
  }

  /** Where and how the dataset's raw data is stored (layout, chunk addresses, filters, fill value, bytes on disk). */
  storage(path: string): Promise<DatasetStorage> {
    return this.forward({ id: 0, op: 'storage', path });
  }
}

/** Inside a worker: answer one file call with the reader of the open file. */
export function runFileCall(reader: FileReader, call: FileCall): unknown {
  switch (call.op) {
    case 'list':
      return reader.list(call.path);
    case 'walk':
      return reader.walk();
    case 'node':
      return reader.node(call.path);
    case 'attrs':
      return reader.attrs(call.path);
    case 'attrInfo':
      return reader.attrInfo(call.path);
    case 'dataset':
      return reader.dataset(call.path);
    case 'storage':
      return reader.storage(call.path);
    case 'read':
      return reader.read(call.path, call.selection);
  }
}
