// h5web's generic HDF5 inspector (tree, attributes, matrix, line, heatmap) over the API's h5grove routes, with
// h5web's stock H5GroveProvider (silx-kit/h5web packages/app/src/providers/h5grove/H5GroveProvider.tsx): no
// provider code of ours. This module is only ever imported lazily (see LazyH5webInspector): with three.js it is
// most of the viewer's JavaScript.
import '@h5web/app/styles.css';
import { App, H5GroveProvider } from '@h5web/app';

/** The inspector for file `id`, opened at `path`; `h5groveUrl` must be absolute (h5web's export menu needs it). */
export default function H5webInspector({ id, path, h5groveUrl }: { id: string; path?: string; h5groveUrl: string }) {
  return (
    <div className="h5web" aria-label="HDF5 inspector">
      <H5GroveProvider url={h5groveUrl} filepath={id} resetKeys={[id]}>
        <App initialPath={path ?? '/'} />
      </H5GroveProvider>
    </div>
  );
}
