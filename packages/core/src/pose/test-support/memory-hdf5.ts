// Test-only stand-in for the real `openHdf5`: h5wasm's ESM build with the whole file written into MEMFS.
// Fine for the small corpus and generated files; the real reader (core/src/hdf5/) reads by byte ranges.
import h5wasm, { FS, Reference, type Dataset, type Group } from 'h5wasm';
import { readFile } from 'node:fs/promises';
import type {
  AttrValue, CompoundMember, DatasetInfo, DatasetValues, Dtype, Hdf5File, Hdf5Node, Slice,
} from '../../hdf5/types.js';

let nextId = 0;
let readyOnce: Promise<void> | undefined;

async function ready(): Promise<void> {
  readyOnce ??= h5wasm.ready.then((m) => {
    m.activate_throwing_error_handler();
  });
  await readyOnce;
}

interface H5Meta {
  type: number;
  size: number;
  signed: boolean;
  vlen: boolean;
  shape?: number[] | null;
  chunks?: number[] | null;
  enum_type?: { members: Record<string, { value: number }> };
  compound_type?: { members: (H5Meta & { name: string })[] };
  array_type?: H5Meta & { shape: number[] };
}

function dtypeOf(meta: H5Meta): Dtype {
  switch (meta.type) {
    case 0: return `${meta.signed ? 'int' : 'uint'}${meta.size * 8}` as Dtype;
    case 1: return `float${meta.size * 8}` as Dtype;
    case 3: return 'string';
    case 5: return 'opaque';
    case 6: return 'compound';
    case 7: return 'reference';
    case 8: {
      const names = Object.keys(meta.enum_type?.members ?? {}).sort().join(',');
      return names === 'FALSE,TRUE' ? 'bool' : 'enum';
    }
    case 9: return 'vlen';
    case 10: return 'array';
    default: return 'unknown';
  }
}

/** Open a local file (or bytes) through h5wasm in memory; implements the shared Hdf5File interface. */
export async function openMemoryHdf5(source: string | Uint8Array, location?: string): Promise<Hdf5File> {
  await ready();
  const bytes = typeof source === 'string' ? new Uint8Array(await readFile(source)) : source;
  const memPath = `/memory-hdf5-${nextId++}.h5`;
  FS!.writeFile(memPath, bytes);
  const file = new h5wasm.File(memPath, 'r');
  const fileLocation = location ?? (typeof source === 'string' ? source : memPath);
  const abs = (p: string) => (p.startsWith('/') ? p : `/${p}`).replace(/\/+$/, '') || '/';

  const nodeAt = (path: string): Hdf5Node | null => {
    const p = abs(path);
    if (p === '/') return { path: '/', kind: 'group' };
    const parent = file.get(p.slice(0, p.lastIndexOf('/')) || '/');
    if (!parent || !('keys' in parent)) return null;
    if (!(parent as Group).keys().includes(p.slice(p.lastIndexOf('/') + 1))) return null;
    const target = file.get_link(p);
    if (typeof target === 'string' && target.length > 0) return { path: p, kind: 'soft-link', target };
    const entity = file.get(p);
    if (entity === null) return null;
    if (entity instanceof h5wasm.Group) return { path: p, kind: 'group' };
    if (entity instanceof h5wasm.Dataset) {
      return { path: p, kind: 'dataset', shape: entity.shape, dtype: dtypeOf(entity.metadata as H5Meta) };
    }
    if ('target' in entity) return { path: p, kind: 'broken-link', target: String(entity.target) };
    if ('filename' in entity) return { path: p, kind: 'external-link', target: `${entity.filename}:${entity.obj_path}` };
    return { path: p, kind: 'datatype' };
  };

  const toAttr = (value: unknown): AttrValue => {
    if (value instanceof Reference) {
      const target = file.dereference(value);
      return { reference: target && 'path' in target ? String(target.path) : '' };
    }
    if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number | bigint>) as AttrValue[];
    if (Array.isArray(value)) return value.map(toAttr);
    if (value === undefined) return null;
    return value as AttrValue;
  };

  const datasetAt = (path: string): Dataset => {
    const entity = file.get(abs(path));
    if (!(entity instanceof h5wasm.Dataset)) throw new Error(`No dataset at ${path}`);
    return entity;
  };

  const handle: Hdf5File = {
    location: fileLocation,
    async list(path = '/') {
      const g = file.get(abs(path));
      if (!(g instanceof h5wasm.Group)) throw new Error(`No group at ${path}`);
      const base = abs(path) === '/' ? '' : abs(path);
      return g.keys().map((k) => nodeAt(`${base}/${k}`)).filter((n): n is Hdf5Node => n !== null);
    },
    async walk() {
      const out: Hdf5Node[] = [];
      const seen = new Set<string>();
      const visit = async (path: string) => {
        for (const child of await handle.list(path)) {
          out.push(child);
          if (child.kind === 'group' && !seen.has(child.path)) {
            seen.add(child.path);
            await visit(child.path);
          }
        }
      };
      await visit('/');
      return out;
    },
    async node(path) {
      return nodeAt(path);
    },
    async attrs(path) {
      const entity = file.get(abs(path));
      if (!entity || !('attrs' in entity)) throw new Error(`No object at ${path}`);
      const out: Record<string, AttrValue> = {};
      for (const [name, attr] of Object.entries(entity.attrs)) {
        try {
          out[name] = toAttr(attr.value);
        } catch {
          out[name] = null;
        }
      }
      return out;
    },
    async dataset(path) {
      const d = datasetAt(path);
      const meta = d.metadata as H5Meta;
      const info: DatasetInfo = {
        path: abs(path),
        shape: d.shape,
        dtype: dtypeOf(meta),
        itemSize: meta.size,
        chunks: meta.chunks ?? null,
        filters: d.filters.map((f) => ({ id: f.id, name: f.name })),
      };
      if (meta.compound_type) {
        info.members = meta.compound_type.members.map((m): CompoundMember => (
          m.array_type
            ? { name: m.name, dtype: dtypeOf(m.array_type), shape: m.array_type.shape }
            : { name: m.name, dtype: dtypeOf(m) }
        ));
      }
      if (meta.enum_type) {
        info.enumValues = Object.fromEntries(Object.entries(meta.enum_type.members).map(([k, v]) => [k, v.value]));
      }
      return info;
    },
    async read(path, selection?: Slice[]) {
      const d = datasetAt(path);
      const full = d.shape ?? [];
      const dtype = dtypeOf(d.metadata as H5Meta);
      let raw: unknown;
      let shape: number[];
      if (!selection || full.length === 0) {
        raw = d.value;
        shape = full;
      } else {
        const ranges: ([] | [number, number] | [number, number, number])[] = [];
        shape = [];
        full.forEach((n, i) => {
          const s = selection[i] ?? null;
          if (s === null) {
            ranges.push([]);
            shape.push(n);
          } else if (typeof s === 'number') {
            ranges.push([s, s + 1]);
          } else {
            const stop = Math.min(s[1], n);
            const step = s[2] ?? 1;
            ranges.push(s.length === 3 ? [s[0], stop, step] : [s[0], stop]);
            shape.push(Math.max(0, Math.ceil((stop - s[0]) / step)));
          }
        });
        raw = shape.some((n) => n === 0) ? [] : d.slice(ranges);
      }
      let values: DatasetValues['values'];
      if (ArrayBuffer.isView(raw)) values = raw as DatasetValues['values'];
      else if (Array.isArray(raw)) values = raw.map(toAttr);
      else values = [toAttr(raw)];
      return { shape, dtype, values };
    },
    stats() {
      return { requests: 0, bytes: 0, cacheHits: 0, fileSize: bytes.byteLength } as unknown as ReturnType<Hdf5File['stats']>;
    },
    async close() {
      file.close();
      FS!.unlink(memPath);
    },
  };
  return handle;
}

