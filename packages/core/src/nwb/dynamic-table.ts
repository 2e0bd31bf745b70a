// DynamicTable (trials, epochs, any TimeIntervals or other table): columns, ids, ragged columns, references.
// Layout from hdmf-common-schema common/table.yaml: the group attribute `colnames` orders the VectorData columns,
// `id` holds ElementIdentifiers, a ragged column `X` has a VectorIndex `X_index` of exclusive end offsets (attribute
// `target` references X; indexes can nest, `X_index_index`), and a DynamicTableRegion holds row numbers of the
// table its `table` attribute references.
import type { AttrValue, Hdf5File } from '../hdf5/types.js';
import { InvalidInputError, UnsupportedError } from '../errors.js';
import { readNeurodataType } from './neurodata.js';
import { attrsOf, baseName, childPath, referenceTarget, resolveNode, toNumbers, toText } from './values.js';

/** One column of a DynamicTable. */
export interface DynamicTableColumn {
  name: string;
  path: string;
  neurodataType?: string;
  description?: string;
  dtype: string;
  /** Shape of the flat data (for ragged columns: of all cells together). */
  shape: number[] | null;
  /** VectorIndex datasets from the outermost (one entry per row) inwards; empty for plain columns. */
  indexPaths: string[];
  /** DynamicTableRegion: path of the table its row numbers point into. */
  regionTable?: string;
}

/** A DynamicTable described without its values. */
export interface DynamicTableInfo {
  path: string;
  neurodataType?: string;
  namespace?: string;
  description?: string;
  colnames: string[];
  rowCount: number;
  columns: DynamicTableColumn[];
}

/** A cell: a number, text, a reference target path, or a list of cells for ragged columns. */
export type TableCell = number | string | boolean | null | { reference: string } | TableCell[];

/** Rows [start, end) of a table: ids and one array of cells per column name. */
export interface DynamicTableRows {
  start: number;
  end: number;
  ids: number[];
  columns: Record<string, TableCell[]>;
}

/** Describe the DynamicTable at `path`: column order from `colnames`, ragged and region columns resolved. */
export async function readDynamicTableInfo(file: Hdf5File, path: string): Promise<DynamicTableInfo> {
  const node = await resolveNode(file, path);
  if (node?.kind !== 'group') throw new InvalidInputError(`${path} in ${file.name} is not a table group.`, path);
  const attrs = await file.attrs(path);
  const typed = await readNeurodataType(file, path);
  const children = (await file.list(path)).map((c) => baseName(c.path));
  const colnamesAttr = attrs.colnames;
  const colnames = Array.isArray(colnamesAttr)
    ? colnamesAttr.map((c) => toText(c) ?? '')
    : colnamesAttr === undefined || colnamesAttr === null
      ? []
      : [toText(colnamesAttr) ?? ''];
  const idPath = childPath(path, 'id');
  if (!children.includes('id'))
    throw new UnsupportedError(`${path} in ${file.name} has no id column, so it is not a DynamicTable.`, file.name);
  const rowCount = (await file.dataset(idPath)).shape?.[0] ?? 0;

  const columns: DynamicTableColumn[] = [];
  for (const name of colnames) {
    if (!children.includes(name)) continue;
    const columnPath = childPath(path, name);
    const dataset = await file.dataset(columnPath);
    const columnTyped = await readNeurodataType(file, columnPath);
    const column: DynamicTableColumn = {
      name,
      path: columnPath,
      dtype: dataset.dtype,
      shape: dataset.shape,
      indexPaths: [],
      ...columnTyped,
    };
    // Indexes nest as X_index, X_index_index, ...: the outermost has one entry per row.
    let indexName = `${name}_index`;
    const indexes: string[] = [];
    while (children.includes(indexName)) {
      indexes.push(childPath(path, indexName));
      indexName = `${indexName}_index`;
    }
    column.indexPaths = indexes.reverse();
    if (column.neurodataType === 'DynamicTableRegion') {
      const table = referenceTarget((await attrsOf(file, columnPath)).table);
      if (table !== undefined) column.regionTable = table;
    }
    columns.push(column);
  }
  const info: DynamicTableInfo = { path, colnames, rowCount, columns, ...typed };
  return info;
}

/** Read rows [start, end) of a table: only the hyperslabs of each column those rows span. */
export async function readDynamicTableRows(
  file: Hdf5File,
  info: DynamicTableInfo,
  start = 0,
  end = info.rowCount,
): Promise<DynamicTableRows> {
  if (start < 0 || end < start || end > info.rowCount) {
    throw new InvalidInputError(`Rows [${start}, ${end}) are outside the ${info.rowCount} rows of ${info.path}.`);
  }
  const ids = end > start ? toNumbers((await file.read(childPath(info.path, 'id'), [[start, end]])).values) : [];
  const columns: Record<string, TableCell[]> = {};
  for (const column of info.columns) {
    columns[column.name] = await readColumnCells(file, column, column.indexPaths, start, end);
  }
  return { start, end, ids, columns };
}

async function readColumnCells(
  file: Hdf5File,
  column: DynamicTableColumn,
  indexPaths: string[],
  start: number,
  end: number,
): Promise<TableCell[]> {
  if (end <= start) return [];
  const [outer, ...inner] = indexPaths;
  if (outer === undefined) return readFlatCells(file, column, start, end);
  // End offsets: cell i spans [index[i-1], index[i]), the first from 0.
  const from = Math.max(0, start - 1);
  const offsets = toNumbers((await file.read(outer, [[from, end]])).values);
  const lo = start === 0 ? 0 : (offsets[0] ?? 0);
  const ends = start === 0 ? offsets : offsets.slice(1);
  const hi = ends[ends.length - 1] ?? lo;
  const flat = await readColumnCells(file, column, inner, lo, hi);
  const cells: TableCell[] = [];
  let previous = lo;
  for (const stop of ends) {
    cells.push(flat.slice(previous - lo, stop - lo));
    previous = stop;
  }
  return cells;
}

async function readFlatCells(
  file: Hdf5File,
  column: DynamicTableColumn,
  start: number,
  end: number,
): Promise<TableCell[]> {
  const shape = column.shape ?? [];
  const selection = [[start, end] as [number, number], ...shape.slice(1).map(() => null)];
  const { values } = await file.read(column.path, selection);
  const perRow = shape.slice(1).reduce((a, b) => a * b, 1);
  const cells: TableCell[] = [];
  for (let row = 0; row < end - start; row++) {
    if (perRow === 1) cells.push(toCell(values[row] as AttrValue));
    else {
      const cell: TableCell[] = [];
      for (let k = 0; k < perRow; k++) cell.push(toCell(values[row * perRow + k] as AttrValue));
      cells.push(cell);
    }
  }
  return cells;
}

function toCell(value: AttrValue | undefined): TableCell {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(toCell);
  // Only attributes carry `{ error }` (types.ts AttrValue); a dataset element never does.
  if (typeof value === 'object' && value !== null && 'error' in value) return null;
  return value;
}
