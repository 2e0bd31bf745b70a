// h5grove's /meta answers (h5grove/content.py `*Content.metadata`): entities with their keys sorted, groups with
// their children one level deep, links resolved when valid (resolve_links=only_valid, the default), datasets with
// chunks, filters, shape and type.
import { NotFoundError, type Hdf5File, type Hdf5Node } from '@ember-archive/core';
import { attributeMetadata, H5T, typeMetadata } from './type-metadata.js';

/** How links are resolved (h5grove models.py `LinkResolution`). */
export type LinkResolution = 'none' | 'only_valid' | 'all';

/** An entity's metadata, as JSON. */
export type EntityMetadata = Record<string, unknown>;

/** The message h5grove gives for a missing path (h5web recognises "not a valid path"). */
export function missingPath(path: string, fileName: string): NotFoundError {
  return new NotFoundError(`${path} is not a valid path in ${fileName}`, path);
}

/** The last path segment, '' for the root (as h5grove names entities). */
export function entityName(path: string): string {
  return path.split('/').pop() ?? '';
}

/** Metadata of the entity at `path`; `depth` 1 lists a group's children. */
export async function entityMetadata(
  hdf5: Hdf5File,
  fileName: string,
  path: string,
  resolve: LinkResolution,
  depth: number,
): Promise<EntityMetadata> {
  const node = path === '/' ? ({ path: '/', kind: 'group' } as Hdf5Node) : await hdf5.node(path);
  if (node === null) throw missingPath(path, fileName);
  const name = entityName(path);
  if (node.kind === 'external-link') {
    const [targetFile, targetPath] = splitExternal(node.target ?? '');
    return sorted({ kind: 'external_link', name, target_file: targetFile, target_path: targetPath });
  }
  // h5grove's base EntityContent (kind "other") stands for what it cannot describe; h5web shows it as unresolved.
  if (node.kind === 'unreadable') return sorted({ kind: 'other', name });
  if (node.kind === 'soft-link' || node.kind === 'broken-link') {
    const target = node.target ?? '';
    const resolved = resolve === 'none' || node.kind === 'broken-link' ? null : await hdf5.node(target);
    if (resolved === null || resolved.kind.endsWith('link')) {
      if (resolve === 'all')
        throw new NotFoundError(`Cannot resolve the link to ${target} at ${path} of ${fileName}`, path);
      return sorted({ kind: 'soft_link', name, target_path: target });
    }
    return resolvedMetadata(hdf5, fileName, resolved, name, resolve, depth);
  }
  return resolvedMetadata(hdf5, fileName, node, name, resolve, depth);
}

async function resolvedMetadata(
  hdf5: Hdf5File,
  fileName: string,
  node: Hdf5Node,
  name: string,
  resolve: LinkResolution,
  depth: number,
): Promise<EntityMetadata> {
  const attrs = await hdf5.attrInfo(node.path);
  const attributes = Object.keys(attrs)
    .sort()
    .map((key) => attributeMetadata(key, attrs[key]!));
  if (node.kind === 'dataset') {
    const info = await hdf5.dataset(node.path);
    return sorted({
      attributes,
      chunks: info.chunks,
      filters: info.filters.length === 0 ? null : info.filters.map((f) => ({ id: f.id, name: f.name })),
      kind: 'dataset',
      name,
      shape: info.shape,
      type: typeMetadata(info),
    });
  }
  if (node.kind === 'datatype') {
    return sorted({ attributes, kind: 'datatype', name, type: { class: H5T.noClass, dtype: '|V0', size: 0 } });
  }
  if (depth <= 0) return sorted({ attributes, kind: 'group', name });
  const children = await hdf5.list(node.path);
  const childMetadata: EntityMetadata[] = [];
  for (const child of children)
    childMetadata.push(await entityMetadata(hdf5, fileName, child.path, resolve, depth - 1));
  return sorted({ attributes, children: childMetadata, kind: 'group', name });
}

/** `file:/path` or `file.h5:/path` (core's external link target) as [file, path]. */
function splitExternal(target: string): [string, string] {
  const at = target.lastIndexOf(':/');
  return at < 0 ? [target, '/'] : [target.slice(0, at), target.slice(at + 1)];
}

function sorted(entity: EntityMetadata): EntityMetadata {
  return Object.fromEntries(Object.entries(entity).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
