// The explorer seam in Node: the in-process provider with files read by the Node worker engine.
import type { Archive } from '../archive/archive.js';
import { openHdf5 } from '../hdf5/node/open-hdf5.js';
import { createExplorer, type ExplorerOptions, type InProcessExplorer } from './in-process.js';

/** An explorer over `archive` whose files are read by ranges in Node's worker threads. */
export function createNodeExplorer(
  archive: Archive,
  rootLabel: string,
  options: Omit<ExplorerOptions, 'archive' | 'rootLabel' | 'openHdf5'> = {},
): InProcessExplorer {
  return createExplorer({ ...options, archive, rootLabel, openHdf5: (location, name) => openHdf5(location, { name }) });
}
