// What the browser e2e test compares between openHdf5InBrowser (run in Chromium) and openHdf5 (run in Node): the
// tree, every attribute, every dataset's description and the first rows of its values, as JSON-safe data.
import type { Hdf5File } from '../../types.js';

/** One file's content as plain JSON (bigints as strings, typed arrays as arrays, failures by class and message). */
export interface FileReport {
  nodes: unknown[];
  attrs: Record<string, unknown>;
  datasets: Record<string, unknown>;
  reads: Record<string, unknown>;
}

/** Walk the whole file and read the first rows of every dataset. */
export async function reportFile(file: Hdf5File, rows = 3): Promise<FileReport> {
  const nodes = await file.walk();
  const report: FileReport = { nodes: plain(nodes) as unknown[], attrs: {}, datasets: {}, reads: {} };
  for (const node of nodes) {
    if (node.kind === 'group' || node.kind === 'dataset')
      report.attrs[node.path] = await settle(() => file.attrs(node.path));
    if (node.kind !== 'dataset') continue;
    report.datasets[node.path] = await settle(() => file.dataset(node.path));
    const shape = node.shape;
    const selection =
      shape && shape.length > 0
        ? shape.map((n, d) => (d === 0 ? ([0, Math.min(rows, n)] as [number, number]) : null))
        : undefined;
    report.reads[node.path] = await settle(() => file.read(node.path, selection));
  }
  return report;
}

/** The class and message of a failure, as the test compares them. */
export function describeError(error: unknown): { name: string; code?: string; message: string } {
  const e = error as { constructor?: { name?: string }; code?: string; message?: string };
  return {
    name: e.constructor?.name ?? 'unknown',
    ...(e.code ? { code: e.code } : {}),
    message: String(e.message ?? error),
  };
}

async function settle(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return plain(await call());
  } catch (error) {
    return { error: describeError(error) };
  }
}

/** JSON-safe copy: typed arrays to arrays, bigints to strings. */
export function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return `${value}n`;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<unknown>, plain);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}
