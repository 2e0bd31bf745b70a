// The object tree of an open file, read one group at a time as the user expands it (a big NWB file's full walk
// touches every object header; expanding reads only the groups asked for).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { toFailure } from './failure.js';
import type { Hdf5Node } from '@ember-archive/core';
import type { ExplorerFile } from '../data.js';

/** One visible line of the tree. */
export interface TreeRow {
  path: string;
  name: string;
  depth: number;
  kind: Hdf5Node['kind'];
  target?: string;
  shape?: number[] | null;
  dtype?: string;
  expanded: boolean;
  /** Children are being read. */
  loading: boolean;
  /** The object cannot be read, or reading its children failed: one sentence. */
  error?: string;
}

type Children = { state: 'loading' } | { state: 'loaded'; entries: Hdf5Node[] } | { state: 'failed'; error: string };

/** The tree rows visible with the current expansion, plus expand/collapse. */
export interface TreeState {
  rows: TreeRow[];
  /** Reading the root group failed. */
  error: string | null;
  loading: boolean;
  expand(path: string): void;
  collapse(path: string): void;
  isExpanded(path: string): boolean;
}

/** Last component of an HDF5 path. */
export function baseName(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? '/';
}

/** Flatten the expanded part of the tree into rows, depth first, children in the order the file lists them. */
export function flattenTree(children: ReadonlyMap<string, Children>, expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const visit = (group: string, depth: number) => {
    const entry = children.get(group);
    if (!entry || entry.state !== 'loaded') return;
    for (const child of entry.entries) {
      const isOpen = child.kind === 'group' && expanded.has(child.path);
      const own = children.get(child.path);
      rows.push({
        path: child.path,
        name: baseName(child.path),
        depth,
        kind: child.kind,
        ...(child.target !== undefined ? { target: child.target } : {}),
        ...(child.shape !== undefined ? { shape: child.shape } : {}),
        ...(child.dtype !== undefined ? { dtype: child.dtype } : {}),
        expanded: isOpen,
        loading: isOpen && own?.state === 'loading',
        // An object core could not open (kind 'unreadable', a link that loops) carries its reason, as h5py fails on it.
        ...(child.error !== undefined
          ? { error: child.error }
          : isOpen && own?.state === 'failed'
            ? { error: own.error }
            : {}),
      });
      if (isOpen) visit(child.path, depth + 1);
    }
  };
  visit('/', 0);
  return rows;
}

/** The lazily read object tree of `file` (null while the file is opening). */
export function useTree(file: ExplorerFile | null): TreeState {
  const [children, setChildren] = useState<Map<string, Children>>(() => new Map());
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());

  const load = useCallback(
    (path: string) => {
      if (!file) return;
      setChildren((m) => new Map(m).set(path, { state: 'loading' }));
      file.list(path).then(
        (entries) => setChildren((m) => new Map(m).set(path, { state: 'loaded', entries })),
        (error: unknown) =>
          setChildren((m) => new Map(m).set(path, { state: 'failed', error: toFailure(error).message })),
      );
    },
    [file],
  );

  useEffect(() => {
    setChildren(new Map());
    setExpanded(new Set());
    if (file) load('/');
  }, [file, load]);

  const expand = useCallback(
    (path: string) => {
      setExpanded((s) => new Set(s).add(path));
      const known = children.get(path);
      if (!known || known.state === 'failed') load(path);
    },
    [children, load],
  );
  const collapse = useCallback((path: string) => {
    setExpanded((s) => {
      const next = new Set(s);
      next.delete(path);
      return next;
    });
  }, []);

  const rows = useMemo(() => flattenTree(children, expanded), [children, expanded]);
  const root = children.get('/');
  return {
    rows,
    loading: !root || root.state === 'loading',
    error: root?.state === 'failed' ? root.error : null,
    expand,
    collapse,
    isExpanded: (path: string) => expanded.has(path),
  };
}
