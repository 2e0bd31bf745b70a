// Skeletons from the JSON in a SLEAP labels file's `metadata` attribute `json`. SLEAP stores every node once in
// `nodes` ([{name, weight}]) and each skeleton as a networkx node-link graph whose `nodes` are [{id: index into the
// global list}] in skeleton order and whose `links` carry source/target global indices and an EdgeType written by
// jsonpickle: the first use of a type is {"py/reduce": [{"py/type": "sleap.skeleton.EdgeType"}, {"py/tuple": [1]}]}
// (1 = body edge, 2 = symmetry), later uses refer back with {"py/id": n}, n counting the reduces met so far. SLEAP
// >= 1.3.2 wraps the graph as {"nx_graph": ...}. Sources: talmolab/sleap sleap/skeleton.py (Skeleton.to_dict),
// sleap/io/format/labels_json.py; talmolab/sleap-io sleap_io/io/skeleton.py (SkeletonSLPDecoder) and
// sleap_io/io/slp.py (read_skeletons).

/** A SLEAP skeleton: node names in skeleton order (the order of each instance's points) and body edges. */
export interface SleapSkeleton {
  name: string;
  nodes: string[];
  /** Pairs of indices into `nodes` (symmetry links left out). */
  edges: [number, number][];
}

/** Why metadata JSON could not be read as skeletons; the reader names the file. */
export class SleapMetadataProblem extends Error {}

type Json = unknown;

/** Parse the skeletons of SLEAP labels metadata (the parsed `metadata` attribute `json`). */
export function parseSleapSkeletons(metadata: Json): SleapSkeleton[] {
  const root = asObject(metadata, 'the metadata');
  const globalNodes = asArray(root.nodes ?? [], 'the node list').map((node, i) => {
    const name = asObject(node, `node ${i}`).name;
    if (typeof name !== 'string') throw new SleapMetadataProblem(`node ${i} of the metadata has no name`);
    return name;
  });
  return asArray(root.skeletons ?? [], 'the skeleton list').map((entry, s) => {
    const wrapped = asObject(entry, `skeleton ${s}`);
    const graph = asObject(wrapped.nx_graph ?? wrapped, `skeleton ${s}`);
    const ids = asArray(graph.nodes ?? [], `the nodes of skeleton ${s}`).map((node) =>
      nodeIndex(asObject(node, `a node of skeleton ${s}`).id, globalNodes, s),
    );
    const nodes = ids.map((id) => globalNodes[id] as string);
    const local = (id: number) => {
      const at = ids.indexOf(id);
      if (at < 0) throw new SleapMetadataProblem(`skeleton ${s} has an edge to a node it does not list`);
      return at;
    };
    const edges: [number, number][] = [];
    const edgeTypes = new Map<number, number>();
    for (const link of asArray(graph.links ?? [], `the links of skeleton ${s}`)) {
      const l = asObject(link, `a link of skeleton ${s}`);
      const type = edgeType(l.type, edgeTypes);
      if (type !== 1) continue;
      edges.push([local(nodeIndex(l.source, globalNodes, s)), local(nodeIndex(l.target, globalNodes, s))]);
    }
    const name = asObject(graph.graph ?? {}, `skeleton ${s}`).name;
    return { name: typeof name === 'string' ? name : `Skeleton-${s}`, nodes, edges };
  });
}

// 1 = body edge, 2 = symmetry. A py/reduce defines the next py/id; a py/id names an earlier one (or, in files whose
// types were numbered elsewhere, the type itself, as sleap-io falls back to).
function edgeType(type: Json, seen: Map<number, number>): number | undefined {
  if (typeof type === 'number') return type;
  const t = asObject(type ?? {}, 'an edge type');
  if (Array.isArray(t['py/reduce'])) {
    const args = asObject(t['py/reduce'][1] ?? {}, 'an edge type');
    const value = Array.isArray(args['py/tuple']) ? Number(args['py/tuple'][0]) : Number.NaN;
    seen.set(seen.size + 1, value);
    return value;
  }
  if (typeof t['py/id'] === 'number') return seen.get(t['py/id']) ?? t['py/id'];
  return undefined;
}

// A node reference: an index into the global node list (what SLEAP writes), or an inline jsonpickle Node.
function nodeIndex(ref: Json, globalNodes: string[], s: number): number {
  if (typeof ref === 'number' && Number.isInteger(ref) && ref >= 0 && ref < globalNodes.length) return ref;
  if (ref && typeof ref === 'object' && !Array.isArray(ref)) {
    const state = (ref as Record<string, Json>)['py/state'];
    const tuple = state && typeof state === 'object' ? (state as Record<string, Json>)['py/tuple'] : undefined;
    const name = Array.isArray(tuple) ? tuple[0] : (state as Record<string, Json> | undefined)?.name;
    const at = typeof name === 'string' ? globalNodes.indexOf(name) : -1;
    if (at >= 0) return at;
  }
  throw new SleapMetadataProblem(
    `skeleton ${s} refers to a node as ${JSON.stringify(ref)}, which names no node of the metadata`,
  );
}

function asObject(value: Json, what: string): Record<string, Json> {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, Json>;
  throw new SleapMetadataProblem(`${what} is not a JSON object`);
}

function asArray(value: Json, what: string): Json[] {
  if (Array.isArray(value)) return value;
  throw new SleapMetadataProblem(`${what} is not a JSON list`);
}
