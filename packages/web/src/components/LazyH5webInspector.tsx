// Loads h5web (and three.js) only when someone opens the inspector, keeping the first page light.
import { Component, lazy, Suspense, type ReactNode } from 'react';
import { useApi } from '../api/context.js';
import { ErrorNotice, Loading } from './Status.js';

const H5webInspector = lazy(() => import('./H5webInspector.js'));

class InspectorBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    return this.state.error ? <ErrorNotice error={this.state.error} /> : this.props.children;
  }
}

/** The h5web inspector for `id`, loaded on first use. */
export function LazyH5webInspector({ id, path }: { id: string; path?: string }) {
  const api = useApi();
  return (
    <InspectorBoundary>
      <Suspense fallback={<Loading what="the HDF5 inspector" />}>
        <H5webInspector id={id} h5groveUrl={api.h5groveUrl} {...(path === undefined ? {} : { path })} />
      </Suspense>
    </InspectorBoundary>
  );
}
