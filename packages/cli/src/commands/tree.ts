// `ember-archive tree <target> [--json] [--stats] [--storage]`: the object tree of an HDF5/NWB file, local or remote,
// read by ranges. --json gives { "nodes": [ { path, kind, shape, dtype, attrs } ] }; links carry their target.
// --storage adds each dataset's bytes on disk and fill value (as h5py's ds.id.get_storage_size() and ds.fillvalue);
// off by default because it reads every dataset's chunk index. The tree itself comes from core's explorer seam.
import { stringifyJson, type TreeNode } from '@ember-archive/core';
import { statsJson, statsLine } from '../output/file-stats.js';
import { targetOf, type Command, type CommandArgs, type CommandIo } from './command.js';
import { explorerFromArgs, openTarget } from './open-file-target.js';

/** The `tree` subcommand. */
export const treeCommand: Command = {
  name: 'tree',
  summary: 'Show the groups, datasets and links of an HDF5/NWB file without downloading it',
  usage: 'tree <target>[#/path] [--json] [--stats] [--storage]',
  options: { stats: { type: 'boolean', default: false }, storage: { type: 'boolean', default: false } },
  run: runTree,
};

async function runTree(args: CommandArgs, io: CommandIo): Promise<number> {
  const input = targetOf(args, 'tree', 'file');
  const { file, fragment } = await openTarget(explorerFromArgs(args, io), input);
  try {
    const root = fragment ?? '/';
    const json = args.values.json === true;
    // Text shows no attributes, so it reads none.
    const nodes = await file.tree(root, { storage: args.values.storage === true, attrs: json });
    if (json) {
      const out: { nodes: TreeNode[]; stats?: ReturnType<typeof statsJson> } = { nodes };
      if (args.values.stats === true) out.stats = statsJson(file.stats());
      io.stdout.write(`${stringifyJson(out, 2)}\n`);
    } else {
      io.stdout.write(renderTree(nodes, root));
      if (args.values.stats === true) io.stderr.write(statsLine(file.stats()));
    }
    return 0;
  } finally {
    await file.close();
  }
}

/**
 * Indented names, one per line: groups end in "/", datasets show dtype and shape (and with storage facts their
 * bytes on disk and fill value), links their target.
 */
export function renderTree(nodes: TreeNode[], root: string): string {
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
        case 'dataset': {
          const shape = node.shape === null ? '(empty)' : `[${(node.shape ?? []).join(', ')}]`;
          return `${indent}${name}  ${node.dtype ?? 'unknown'} ${shape}${factsText(node)}`;
        }
        default:
          return `${indent}${name}  -> ${node.target ?? ''} (${node.kind})`;
      }
    })
    .join('\n')
    .concat('\n');
}

function factsText(node: TreeNode): string {
  const parts: string[] = [];
  if (node.storageSize !== undefined) parts.push(`${node.storageSize} bytes on disk`);
  if (node.fillValue !== undefined)
    parts.push(`fill ${node.fillValue === null ? 'none' : stringifyJson(node.fillValue)}`);
  return parts.length > 0 ? `  (${parts.join(', ')})` : '';
}
