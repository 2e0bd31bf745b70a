// The HTTP API over @ember-archive/core.
export {};
