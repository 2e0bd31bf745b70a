// `ember-archive tree <target> [--json] [--stats] [--storage]`: the object tree of an HDF5/NWB file, local or remote,
// read by ranges. --json gives { "nodes": [ { path, kind, shape, dtype, attrs } ] }; links carry their target.
// --storage adds each dataset's bytes on disk and fill value (as h5py's ds.id.get_storage_size() and ds.fillvalue);
// off by default because it reads every dataset's chunk index.
import { InvalidInputError, type AttrValue, type DatasetInfo, type Hdf5File, type Hdf5Node } from '@ember-archive/core';
import { openArchiveHdf5 } from '@ember-archive/core/node';
import { bigintReplacer, statsJson, statsLine } from '../output/hdf5-json.js';
import { archiveFromArgs } from './archive-from-args.js';
import { targetOf, type Command, type CommandArgs, type CommandIo } from './command.js';

/** The `tree` subcommand. */
export const treeCommand: Command = {
  name: 'tree',
  summary: 'Show the groups, datasets and links of an HDF5/NWB file without downloading it',
  usage: 'tree <target>[#/path] [--json] [--stats] [--storage]',
  options: { stats: { type: 'boolean', default: false }, storage: { type: 'boolean', default: false } },
  run: runTree,
};

/** One node of `tree --json`. */
export interface TreeJsonNode {
  path: string;
  kind: Hdf5Node['kind'];
  shape?: number[] | null;
  dtype?: string;
  /** With --storage: bytes on disk and fill value of a dataset. */
  storageSize?: number;
  fillValue?: DatasetInfo['fillValue'];
  target?: string;
  /** Why the entry cannot be read (an unreadable object, a soft link that loops), as core reports it. */
  error?: string;
  attrs: Record<string, AttrValue>;
}

/** Bytes on disk and fill value per dataset path (tree --storage). */
type StorageFacts = Map<string, Pick<DatasetInfo, 'storageSize' | 'fillValue'>>;

async function runTree(args: CommandArgs, io: CommandIo): Promise<number> {
  const input = targetOf(args, 'tree', 'file');
  const { file, fragment } = await openArchiveHdf5(archiveFromArgs(args, io), input);
  try {
    const root = fragment ?? '/';
    const nodes = withinSubtree(await file.walk(), root);
    const facts = args.values.storage === true ? await storageFacts(file, nodes) : undefined;
    if (args.values.json === true) {
      const out: { nodes: TreeJsonNode[]; stats?: ReturnType<typeof statsJson> } = { nodes: await withAttrs(file, nodes, facts) };
      if (args.values.stats === true) out.stats = statsJson(file.stats());
      io.stdout.write(`${JSON.stringify(out, bigintReplacer, 2)}\n`);
    } else {
      io.stdout.write(renderTree(nodes, root, facts));
      if (args.values.stats === true) io.stderr.write(statsLine(file.stats()));
    }
    return 0;
  } finally {
    await file.close();
  }
}

function withinSubtree(nodes: Hdf5Node[], root: string): Hdf5Node[] {
  const base = root === '/' ? '/' : root.replace(/\/+$/, '');
  const inside = nodes.filter((n) => base === '/' || n.path === base || n.path.startsWith(`${base}/`));
  if (base !== '/' && !inside.some((n) => n.path === base)) {
    throw new InvalidInputError(`Nothing exists at ${base} in this file.`, base);
  }
  return base === '/' ? [{ path: '/', kind: 'group' }, ...inside] : inside;
}

async function storageFacts(file: Hdf5File, nodes: Hdf5Node[]): Promise<StorageFacts> {
  const facts: StorageFacts = new Map();
  for (const node of nodes) {
    if (node.kind !== 'dataset') continue;
    const { storageSize, fillValue } = await file.dataset(node.path);
    facts.set(node.path, { ...(storageSize === undefined ? {} : { storageSize }), ...(fillValue === undefined ? {} : { fillValue }) });
  }
  return facts;
}

async function withAttrs(file: Hdf5File, nodes: Hdf5Node[], facts: StorageFacts | undefined): Promise<TreeJsonNode[]> {
  const out: TreeJsonNode[] = [];
  for (const node of nodes) {
    const isObject = node.kind === 'group' || node.kind === 'dataset' || node.kind === 'datatype';
    // Key order as the issue shows it: path, kind, shape, dtype, (storageSize, fillValue), (target), attrs.
    out.push({
      path: node.path,
      kind: node.kind,
      ...(node.kind === 'dataset' ? { shape: node.shape ?? null, dtype: node.dtype ?? 'unknown' } : {}),
      ...(facts?.get(node.path) ?? {}),
      ...(node.target === undefined ? {} : { target: node.target }),
      ...(node.error === undefined ? {} : { error: node.error }),
      attrs: isObject ? await file.attrs(node.path) : {},
    });
  }
  return out;
}

/**
 * Indented names, one per line: groups end in "/", datasets show dtype and shape (and with `facts` their bytes on
 * disk and fill value), links their target.
 */
export function renderTree(nodes: Hdf5Node[], root: string, facts?: StorageFacts): string {
  const baseDepth = root === '/' ? 0 : root.split('/').filter(Boolean).length;
  return nodes
    .map((node) => {
      const parts = node.path.split('/').filter(Boolean);
      const depth = Math.max(0, parts.length - baseDepth);
      const name = node.path === '/' ? '/' : (parts[parts.length - 1] ?? '/');
      const indent = '  '.repeat(depth);
      switch (node.kind) {
        case 'group':
          return `${indent}${name === '/' ? '/' : `${name}/`}`;
        case 'dataset':
          return `${indent}${name}  ${node.dtype ?? 'unknown'} ${node.shape === null ? '(empty)' : `[${(node.shape ?? []).join(', ')}]`}${factsText(facts?.get(node.path))}`;
        case 'unreadable':
          return `${indent}${name}  (unreadable: ${node.error ?? 'unknown reason'})`;
        default:
          return `${indent}${name}  -> ${node.target ?? ''} (${node.kind})`;
      }
    })
    .join('\n')
    .concat('\n');
}

function factsText(facts: Pick<DatasetInfo, 'storageSize' | 'fillValue'> | undefined): string {
  if (!facts) return '';
  const parts: string[] = [];
  if (facts.storageSize !== undefined) parts.push(`${facts.storageSize} bytes on disk`);
  if (facts.fillValue !== undefined) parts.push(`fill ${facts.fillValue === null ? 'none' : JSON.stringify(facts.fillValue, bigintReplacer)}`);
  return parts.length > 0 ? `  (${parts.join(', ')})` : '';
}
