// Browser entry point: the isomorphic API.
export * from './index.js';
