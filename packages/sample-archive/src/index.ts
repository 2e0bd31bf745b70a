// Public API of the sample archive: start it, or use its parts.
export { ObjectStore, SAMPLE_EPOCH, compareKeys, type SampleObject, type ObjectOptions } from './store.js';
export * from './generate/index.js';
