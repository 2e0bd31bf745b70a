// Node entry point: everything in the isomorphic API plus what needs Node (local files, worker threads).
export * from './index.js';
