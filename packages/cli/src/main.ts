// The ember-archive command: route to a subcommand, print failures as one sentence, set the exit code.
import { parseArgs } from 'node:util';
import { describeError, EmberError, InvalidInputError, VERSION } from '@ember-archive/core';
import { COMMANDS } from './commands/index.js';
import { GLOBAL_OPTIONS, type CommandIo } from './commands/command.js';

/** Run `ember-archive` with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  // No command in an interactive terminal starts the terminal UI; piped or redirected, print the help as before.
  const interactive = argv.length === 0 && io.stdout.isTTY === true && process.stdin.isTTY === true;
  const [name, ...rest] = interactive ? ['browse'] : argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(helpText());
    return 0;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout.write(`ember-archive ${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command)
      throw new InvalidInputError(`Unknown command "${name}"; run \`ember-archive --help\` for the list.`, name);
    const parsed = parseArgs({
      args: rest,
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.values.help) {
      io.stdout.write(`usage: ember-archive ${command.usage}\n\n${command.summary}\n`);
      return 0;
    }
    return await command.run({ positionals: parsed.positionals, values: parsed.values }, io);
  } catch (error) {
    const message = isParseArgsError(error) ? new InvalidInputError(`${error.message}.`).message : describeError(error);
    if (hasJsonFlag(rest)) {
      io.stderr.write(`${JSON.stringify({ error: { code: errorCode(error), message } })}\n`);
    } else {
      io.stderr.write(`ember-archive: ${message}\n`);
    }
    return error instanceof InvalidInputError || isParseArgsError(error) ? 2 : 1;
  }
}

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 4);
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'usage: ember-archive <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options for every command: --json, --api URL, --s3-endpoint URL, --help (ember-archive --version: the version)',
    'Settings: EMBER_API_URL, EMBER_S3_ENDPOINT, EMBER_DANDI_API_KEY (see the README).',
    '',
  ].join('\n');
}

function errorCode(error: unknown): string {
  if (error instanceof EmberError) return error.code;
  return isParseArgsError(error) ? 'invalid-input' : 'unexpected';
}

function hasJsonFlag(args: string[]): boolean {
  return args.includes('--json');
}

function isParseArgsError(error: unknown): error is Error & { code: string } {
  const code: unknown = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** Run as the `ember-archive` program with this process's arguments and streams. */
export async function runProgram(): Promise<void> {
  // The AWS SDK warns on stderr, once per process, that its 2027 releases will need Node 22: noise in every command's
  // output that the user cannot act on (@aws-sdk/core emitWarningIfUnsupportedVersion honours this variable).
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  // A reader that goes away (`| head`) is the reader's choice, not a failure: end quietly instead of crashing on EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
}
