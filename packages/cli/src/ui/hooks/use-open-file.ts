// One HDF5/NWB file held open while its screens are shown, and closed when the user leaves it.
import { useEffect, useState } from 'react';
import { toFailure } from './failure.js';
import { useExplorer, type ExplorerFile } from '../data.js';

/** The open file, or why it could not be opened. */
export interface OpenFileState {
  file: ExplorerFile | null;
  loading: boolean;
  error: string | null;
  retryable: boolean;
}

/** Open `uri` once (again after `attempt` changes); closes it on unmount. */
export function useOpenFile(uri: string, attempt = 0): OpenFileState {
  const data = useExplorer();
  const [state, setState] = useState<OpenFileState>({ file: null, loading: true, error: null, retryable: false });
  useEffect(() => {
    let current = true;
    let opened: ExplorerFile | null = null;
    setState({ file: null, loading: true, error: null, retryable: false });
    data.open(uri).then(
      (file) => {
        opened = file;
        if (current) setState({ file, loading: false, error: null, retryable: false });
        else void file.close().catch(() => undefined);
      },
      (error: unknown) => {
        const failure = toFailure(error);
        if (current) setState({ file: null, loading: false, error: failure.message, retryable: failure.retryable });
      },
    );
    return () => {
      current = false;
      if (opened) void opened.close().catch(() => undefined);
    };
  }, [data, uri, attempt]);
  return state;
}
