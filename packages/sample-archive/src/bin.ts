// Starts the sample archive.
export {};
