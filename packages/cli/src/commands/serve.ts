// `ember-archive serve [--port N] [--host H] [--web DIR]`: the HTTP API (and the built web viewer, when there is
// one) on this machine, over the same archive settings as every command (--api, --s3-endpoint, the environment).
// Loopback by default: facing a network is a choice (--host 0.0.0.0).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidInputError } from '@ember-archive/core';
import { setHdf5WorkerPoolLimits } from '@ember-archive/core/node';
import { startServer, type RunningServer } from '@ember-archive/api/node';
import { archiveFromArgs } from './archive-from-args.js';
import type { Command, CommandArgs, CommandIo } from './command.js';

/** The web viewer's build in this repository (packages/web/dist), from src/commands or dist/commands alike. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** The `serve` subcommand. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the HTTP API (and the web viewer, when built) on this machine',
  usage: 'serve [--port N] [--host H] [--web DIR] [--api URL] [--s3-endpoint URL]',
  options: { port: { type: 'string' }, host: { type: 'string' }, web: { type: 'string' } },
  run: (args, io) => runServe(args, io, untilSignal()),
};

/** Serve until `stop` settles; prints the URL (and whether the web viewer is served) once listening. */
export async function runServe(
  args: CommandArgs,
  io: CommandIo,
  stop: Promise<unknown>,
  started?: (server: RunningServer) => void,
): Promise<number> {
  const port = parsePort(args.values.port);
  const host = typeof args.values.host === 'string' ? args.values.host : '127.0.0.1';
  const web = typeof args.values.web === 'string' ? args.values.web : DEFAULT_WEB_ROOT;
  if (typeof args.values.web === 'string' && !existsSync(web)) {
    throw new InvalidInputError(
      `--web ${web} does not exist; build the web viewer or point --web at its dist folder.`,
      web,
    );
  }
  const { config } = archiveFromArgs(args, io);
  // Requests open files minutes apart: idle HDF5 workers are kept two minutes rather than five seconds, as in browse.
  setHdf5WorkerPoolLimits({ idleTimeoutMs: 120_000 });
  const server = await startServer(config, { port, host, webRoot: web });
  io.stdout.write(
    `ember-archive API at ${server.url}/v1 (docs: ${server.url}/v1/docs, h5grove: ${server.url}/h5grove)\n`,
  );
  io.stdout.write(
    server.serving.web ? `Web viewer at ${server.url}/\n` : `No web viewer built at ${web}; serving the API only.\n`,
  );
  started?.(server);
  try {
    await stop;
  } finally {
    await server.close();
  }
  return 0;
}

function parsePort(value: unknown): number {
  if (value === undefined) return 8080;
  const port = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || port > 65535) {
    throw new InvalidInputError(`--port must be a port number (0-65535), not "${String(value)}".`, String(value));
  }
  return port;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
