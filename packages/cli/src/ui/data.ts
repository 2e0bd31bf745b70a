// The terminal UI's access to the archive: core's explorer seam (createExplorer / createNodeExplorer, or
// createMemoryExplorer in tests) handed to every screen through one React context. Screens and hooks ask the
// Explorer and its files for listings, trees, dataset summaries, NWB summaries and pose views; nothing here reads.
import { createContext, useContext } from 'react';
import type { Explorer } from '@ember-archive/core';

export type {
  DatasetSummary,
  Explorer,
  ExplorerFile,
  ListingEntry,
  NwbSummaryView,
  PoseView,
  SummaryField,
  SummaryObject,
} from '@ember-archive/core';

const ExplorerContext = createContext<Explorer | null>(null);

/** Provides the explorer to every screen below it. */
export const ExplorerProvider = ExplorerContext.Provider;

/** The explorer the UI was started with. */
export function useExplorer(): Explorer {
  const explorer = useContext(ExplorerContext);
  if (!explorer) throw new Error('useExplorer() needs an <ExplorerProvider> above it.');
  return explorer;
}

/** Whether a file name looks like something the file screen can open (HDF5, NWB, JABS/DLC pose). */
export function isHdf5Name(name: string): boolean {
  return /\.(h5|hdf5|hdf|nwb)$/i.test(name);
}
