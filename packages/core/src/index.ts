// Public API of @ember-archive/core: re-exports only.
export * from './errors.js';
export { VERSION, USER_AGENT } from './version.js';
