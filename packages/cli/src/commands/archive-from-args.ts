// The archive every command talks to: the configuration from the environment, overridden by --api and
// --s3-endpoint, with local files reachable (the CLI runs in Node).
import { createArchive, loadConfig, type Archive } from '@ember-archive/core';
import { nodeLocalFiles } from '@ember-archive/core/node';
import type { CommandArgs, CommandIo } from './command.js';

/** An Archive configured from `io.env` and the global flags of `args`. */
export function archiveFromArgs(args: CommandArgs, io: CommandIo): Archive {
  const { api, 's3-endpoint': s3Endpoint } = args.values;
  const config = loadConfig(io.env, {
    ...(typeof api === 'string' ? { apiUrl: api } : {}),
    ...(typeof s3Endpoint === 'string' ? { s3Endpoint } : {}),
  });
  return createArchive(config, { localFiles: nodeLocalFiles });
}
