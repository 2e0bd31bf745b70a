// One HDF5/NWB file held open while its screens are shown, and closed when the user leaves it.
import { useEffect, useState } from 'react';
import { describeError } from '@ember-archive/core';
import { useArchiveData, type OpenFile } from '../data.js';

/** The open file, or why it could not be opened. */
export interface OpenFileState {
  file: OpenFile | null;
  loading: boolean;
  error: string | null;
}

/** Open `uri` once (again after `attempt` changes); closes it on unmount. */
export function useOpenFile(uri: string, attempt = 0): OpenFileState {
  const data = useArchiveData();
  const [state, setState] = useState<OpenFileState>({ file: null, loading: true, error: null });
  useEffect(() => {
    let current = true;
    let opened: OpenFile | null = null;
    setState({ file: null, loading: true, error: null });
    data.open(uri).then(
      (file) => {
        opened = file;
        if (current) setState({ file, loading: false, error: null });
        else void file.close().catch(() => undefined);
      },
      (error: unknown) => current && setState({ file: null, loading: false, error: describeError(error) }),
    );
    return () => {
      current = false;
      if (opened) void opened.close().catch(() => undefined);
    };
  }, [data, uri, attempt]);
  return state;
}
