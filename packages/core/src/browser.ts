// Browser entry point: the isomorphic API.
export * from './index.js';
// HDF5 in a dedicated Web Worker, read by HTTP Range requests (synchronous XHR inside the worker).
export { openHdf5InBrowser, type OpenHdf5InBrowserOptions } from './hdf5/browser/open-hdf5-browser.js';
