// The object tree of an open file: groups, datasets, named datatypes and links, each object once, an object HDF5
// cannot open listed as unreadable with its reason (as h5py fails on that one object only).
import * as h5 from 'h5wasm';
import { dtypeOfLayout } from '../format/numbers.js';
import { dtypeOf, type TypeMetadata, H5T_FLOAT } from '../shared/dtype.js';
import { ReaderError } from '../shared/reader-error.js';
import type { Dtype, Hdf5Node } from '../types.js';
import type { FileFormat } from './file-format.js';
import type { ReaderOptions } from './file-reader.js';
import { hex, join, normalize, notFound, sentence } from './paths.js';

/** Listing and resolving paths of one open file. */
export class ObjectTree {
  constructor(
    private readonly module: typeof h5.Module,
    private readonly file: h5.File,
    private readonly options: Pick<ReaderOptions, 'sourceFailed'>,
    private readonly format: FileFormat,
  ) {}

  /** Children of the group at `path`. */
  list(path: string): Hdf5Node[] {
    const where = normalize(path);
    const node = this.node(where);
    if (!node) throw notFound(where);
    // A soft link to a group lists like the group (HDF5 resolves the link inside the path).
    const isGroup =
      node.kind === 'group' ||
      (node.kind === 'soft-link' && this.module.get_type(this.file.file_id, where) === this.module.H5G_GROUP);
    if (!isGroup) throw new ReaderError({ kind: 'invalid-input', message: `${where} is a ${node.kind}, not a group.` });
    const group = this.file.get(where) as h5.Group;
    return group
      .keys()
      .map((name) => this.describeOrMark(join(where, name)))
      .filter((n): n is Hdf5Node => n !== null);
  }

  /**
   * Every object once (hard links to a seen object skipped, a link back to the root too), plus links reported as
   * links; an object that cannot be opened is listed as 'unreadable' with its error, as h5py fails on it alone.
   */
  walk(): Hdf5Node[] {
    // An object reference holds the object's address: equal bytes mean the same object (a hard link).
    const seen = new Set<string>([this.objectKey('/')]);
    const nodes: Hdf5Node[] = [];
    for (const path of this.allLinkPaths()) {
      const node = this.describeOrMark(path);
      if (!node) continue;
      if (node.kind === 'group' || node.kind === 'dataset' || node.kind === 'datatype') {
        const key = this.objectKey(node.path);
        if (seen.has(key)) continue;
        seen.add(key);
      }
      nodes.push(node);
    }
    return nodes;
  }

  private objectKey(path: string): string {
    return hex(this.module.create_object_reference(this.file.file_id, path));
  }

  /**
   * Every link path under the root, depth first. HDF5 lists them in one H5Lvisit call, which stops at the first
   * object it cannot open (an unknown "fail if unknown" header message); then the groups are listed one by one,
   * each group entered once, so only the bad object is lost.
   */
  private allLinkPaths(): string[] {
    try {
      return this.module.get_names(this.file.file_id, '/', true).map((name) => `/${name}`);
    } catch (error) {
      this.rethrowSourceFailure(error);
    }
    const paths: string[] = [];
    const entered = new Set<string>([this.objectKey('/')]);
    const visit = (group: string): void => {
      for (const name of this.module.get_names(this.file.file_id, group, false)) {
        const path = join(group, name);
        paths.push(path);
        let key: string;
        try {
          if (this.module.get_symbolic_link(this.file.file_id, path)) continue; // soft links are not followed
          if (this.module.get_type(this.file.file_id, path) !== this.module.H5G_GROUP) continue;
          key = this.objectKey(path);
        } catch (error) {
          this.rethrowSourceFailure(error);
          continue;
        }
        if (entered.has(key)) continue;
        entered.add(key);
        visit(path);
      }
    };
    visit('/');
    return paths;
  }

  /** describe(), or the entry marked unreadable with the reason when HDF5 cannot open what is there. */
  private describeOrMark(where: string): Hdf5Node | null {
    try {
      return this.describe(where);
    } catch (error) {
      this.rethrowSourceFailure(error);
      const reason = sentence(error);
      let target = '';
      try {
        target = this.module.get_symbolic_link(this.file.file_id, where);
      } catch {
        // not even the link can be read: report the entry as unreadable
      }
      // A soft link that cannot be resolved (e.g. one that points at itself) is a broken link.
      if (target) return { path: where, kind: 'broken-link', target, error: reason };
      return { path: where, kind: 'unreadable', error: reason };
    }
  }

  /** A failure of the byte source must reach the engine (to report or retry), not mark an object unreadable. */
  rethrowSourceFailure(error: unknown): void {
    if (this.options.sourceFailed?.()) throw error;
  }

  /** What is at `path`, or null. */
  node(path: string): Hdf5Node | null {
    const where = normalize(path);
    if (where === '/') return { path: '/', kind: 'group' };
    return this.linkExists(where) ? this.describeOrMark(where) : null;
  }

  /** The node at a path known to be a link in its group. */
  private describe(where: string): Hdf5Node | null {
    const fileId = this.file.file_id;
    const type = this.module.get_type(fileId, where);
    if (type === this.module.H5G_LINK)
      return { path: where, kind: 'broken-link', target: this.module.get_symbolic_link(fileId, where) };
    if (type === this.module.H5G_UDLINK) {
      const link = this.module.get_external_link(fileId, where);
      return { path: where, kind: 'external-link', target: `${link.filename}:${link.obj_path}` };
    }
    const soft = this.module.get_symbolic_link(fileId, where);
    if (soft) return { path: where, kind: 'soft-link', target: soft };
    if (type === this.module.H5G_GROUP) return { path: where, kind: 'group' };
    if (type === this.module.H5G_TYPE) return { path: where, kind: 'datatype' };
    if (type === this.module.H5G_DATASET) {
      const meta = this.module.get_dataset_metadata(fileId, where);
      return { path: where, kind: 'dataset', shape: meta.shape, dtype: this.dtypeOfDataset(where, meta) };
    }
    return null;
  }

  /**
   * The dtype h5py names: floats from their bit layout (an N-bit float32 may be float64 in h5py), others by size.
   * Only floats pay for reading the datatype message (cached; the header is in the block cache after HDF5 read it).
   */
  dtypeOfDataset(where: string, meta: h5.Metadata): Dtype {
    if (meta.type !== H5T_FLOAT) return dtypeOf(meta as TypeMetadata);
    const type = this.format.datasetType(where);
    return type ? dtypeOfLayout(type) : dtypeOf(meta as TypeMetadata);
  }

  object(path: string): h5.Group | h5.Dataset | h5.Datatype {
    if (path !== '/' && !this.linkExists(path)) throw notFound(path);
    const entity = this.file.get(path);
    if (entity instanceof h5.Group || entity instanceof h5.Dataset || entity instanceof h5.Datatype) return entity;
    if (entity instanceof h5.BrokenSoftLink)
      throw new ReaderError({
        kind: 'not-found',
        message: `${path} is a soft link to ${entity.target}, which does not exist.`,
      });
    if (entity instanceof h5.ExternalLink) {
      throw new ReaderError({
        kind: 'unsupported',
        message: `${path} is a link into another file (${entity.filename}:${entity.obj_path}), which is not followed.`,
      });
    }
    throw notFound(path);
  }

  /** H5Lexists on every prefix, so a missing path is not an HDF5 error (which would read as corruption). */
  private linkExists(path: string): boolean {
    const parts = path.split('/').filter(Boolean);
    let current = '';
    for (const part of parts) {
      const parent = current || '/';
      current = `${current}/${part}`;
      const type = this.module.get_type(this.file.file_id, parent);
      if (type !== this.module.H5G_GROUP) return false;
      const group = new h5.Group(this.file.file_id, parent);
      if (!group.keys().includes(part)) return false;
    }
    return true;
  }
}
