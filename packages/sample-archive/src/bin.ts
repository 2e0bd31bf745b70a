// ember-sample-archive: start the sample archive and print where it listens as the first line on stdout.
import { parseArgs } from 'node:util';
import { parseRate } from './s3/rate-limit.js';
import { DEFAULT_SAMPLE_API_KEY, startSampleArchive } from './start.js';

const HELP = `Usage: ember-sample-archive [--port N] [--host H] [--seed N] [--large] [--api-key KEY]
                            [--tls [--ca-file PATH]] [--rate RATE]

Serves a synthetic, seeded EMBER-like archive on loopback: an S3-compatible server for the
bucket ember-open-data and a DANDI-compatible API emulator.

Options:
  --port N       0 (default) picks two free ports. N puts S3 on port N and the API on port N+1.
  --host H       Interface to listen on (default 127.0.0.1).
  --seed N       World seed (default 463); the same seed gives the same world.
  --large        Also serve a >= 1 GiB NWB file (an asset of 000463) for benchmarks; slow the first time.
  --api-key KEY  Key that embargoed dandisets accept as "Authorization: token KEY"
                 (default ${DEFAULT_SAMPLE_API_KEY}).
  --tls          Serve both endpoints over https, as the real bucket and API are served. A certificate
                 authority is made at start and its certificate written to a file (--ca-file, default a
                 new temporary folder) that clients must trust: NODE_EXTRA_CA_CERTS=FILE for ember-archive
                 and Node, aws --ca-bundle FILE, curl --cacert FILE, rclone --ca-cert FILE.
  --ca-file PATH Where --tls writes the CA certificate (PEM).
  --rate RATE    Limit S3 object bodies to RATE bits per second over all connections (a token bucket),
                 e.g. 1gbit or 100mbit, to see what a user's link would carry. Default unlimited.
  -h, --help     Show this help.

The first line on stdout is one JSON object: {"s3": url, "api": url, "bucket": name}, plus "ca": file
with --tls.
It then serves until SIGINT or SIGTERM. Generated worlds are cached under
node_modules/.cache/ember-sample-archive (or the OS temp folder), so later starts are fast.
`;

function fail(message: string): never {
  process.stderr.write(`ember-sample-archive: ${message}\nRun ember-sample-archive --help for usage.\n`);
  process.exit(2);
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) fail(`--${name} takes a non-negative integer, not "${value}".`);
  return Number(value);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        large: { type: 'boolean' },
        'api-key': { type: 'string' },
        tls: { type: 'boolean' },
        'ca-file': { type: 'string' },
        rate: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const port = integer('port', values.port);
  const seed = integer('seed', values.seed);
  if (values['ca-file'] !== undefined && !values.tls)
    fail('--ca-file is where --tls writes its CA certificate: give --tls too.');
  let rate: number | undefined;
  try {
    rate = values.rate === undefined ? undefined : parseRate(values.rate);
  } catch (error) {
    fail(`--rate: ${(error as Error).message}`);
  }
  const archive = await startSampleArchive({
    ...(port === undefined ? {} : { port }),
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(seed === undefined ? {} : { seed }),
    large: values.large ?? false,
    ...(values['api-key'] === undefined ? {} : { apiKey: values['api-key'] }),
    ...(values.tls ? { tls: values['ca-file'] === undefined ? true : { caFile: values['ca-file'] } } : {}),
    ...(rate === undefined ? {} : { rate }),
  });
  const ca = archive.caFile === undefined ? {} : { ca: archive.caFile };
  process.stdout.write(`${JSON.stringify({ s3: archive.s3, api: archive.api, bucket: archive.bucket, ...ca })}\n`);
  const trust = archive.caFile === undefined ? '' : `; trust ${archive.caFile} (NODE_EXTRA_CA_CERTS=${archive.caFile})`;
  const limit = values.rate === undefined ? '' : ` at ${values.rate}`;
  process.stderr.write(
    `ember-sample-archive: serving s3 ${archive.s3}${limit} and api ${archive.api}${trust} (Ctrl-C stops)\n`,
  );

  const stop = () => {
    archive.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`ember-sample-archive: could not stop cleanly: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`ember-sample-archive: ${(error as Error).message}\n`);
  process.exit(1);
});
