#!/usr/bin/env node
// React (under Ink) picks its development or production build from NODE_ENV when first imported; the development
// build checks and profiles every render, which roughly doubles the terminal UI's drawing work. A user's own
// NODE_ENV is kept.
process.env.NODE_ENV ??= 'production';
const { runProgram } = await import('../dist/main.js');
await runProgram();
