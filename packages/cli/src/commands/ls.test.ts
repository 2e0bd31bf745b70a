// `ember-archive ls` end to end, in process, against the sample archive: the table, the pipe format, --json,
// the flags that point at an archive, and one-line errors with their exit codes.
import { startSampleArchive, type RunningSampleArchive, type WorldGenerators } from '@ember-archive/sample-archive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from './test-support/run-main.js';

const text = (s: string) => new TextEncoder().encode(s);
const generators: WorldGenerators = {
  jabsPose: (p) => text(`stand-in JABS v${p.version} ${p.seed}`),
  nwbPose: (p) => text(`stand-in NWB ${p.subjectId} ${p.sessionId}`),
};

let sample: RunningSampleArchive;

beforeAll(async () => {
  sample = await startSampleArchive({ generators, cache: false });
});
afterAll(async () => {
  await sample?.close();
});

const run = (argv: string[], options: { tty?: boolean; env?: Record<string, string> } = {}) =>
  runMain(argv, {
    tty: options.tty === true,
    env: options.env ?? { EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3 },
  });

interface JsonEntry {
  name: string;
  kind: 'folder' | 'file';
  size?: number;
  fileCount?: number;
  uri: string;
}

describe('ember-archive ls', () => {
  it('shows the EMBER projects and the dandisets side by side as a table in a TTY', async () => {
    const { code, stdout, stderr } = await run(['ls'], { tty: true });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\s+SIZE\s+FILES\s+NAME$/);
    expect(lines[1]).toMatch(/^\s+-\s+kumar2025\/$/);
    expect(stdout).toMatch(/^\s+\d+(\.\d+)? (B|KB|MB)\s+\d+\s+000463\/\s+Mouse food sniff \(SYNTHETIC SAMPLE\)$/m);
    expect(stdout).toMatch(/^\s+\S+ \S+\s+1,234\s+000472\/\s+Many small trial files/m);
  });

  it('prints --json as an array of { name, kind, size?, fileCount?, uri }', async () => {
    const { code, stdout } = await run(['ls', 'dandi://ember-dandi/000463@draft/sub-ADPTM01/', '--json']);
    expect(code).toBe(0);
    const entries = JSON.parse(stdout) as JsonEntry[];
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(entry.kind).toBe('file');
      expect(entry.uri).toBe(`dandi://ember-dandi/000463@draft/sub-ADPTM01/${entry.name}`);
      expect(entry.size).toBeGreaterThan(0);
    }
    const root = JSON.parse((await run(['ls', 'EMBER-DANDI:000463', '--json'])).stdout) as JsonEntry[];
    expect(root[0]).toEqual({
      name: 'sub-ADPTM01',
      kind: 'folder',
      size: entries.reduce((sum, e) => sum + (e.size ?? 0), 0),
      fileCount: entries.length,
      uri: 'dandi://ember-dandi/000463@draft/sub-ADPTM01/',
    });
  });

  it('streams all 1,050 entries of a folder that spans two pages', async () => {
    const json = JSON.parse(
      (await run(['ls', 'dandi://ember-dandi/000472@draft/sub-MANY01/trials/', '--json'])).stdout,
    ) as JsonEntry[];
    expect(json).toHaveLength(1050);
    expect(new Set(json.map((e) => e.name)).size).toBe(1050);
    const tsv = (await run(['ls', 'dandi://ember-dandi/000472@draft/sub-MANY01/trials/'])).stdout.trimEnd().split('\n');
    expect(tsv).toHaveLength(1050);
    expect(tsv[0]?.split('\t')).toEqual([
      'file',
      expect.stringMatching(/^\d+$/),
      '',
      'sub-MANY01_trial-0001_events.json',
      'dandi://ember-dandi/000472@draft/sub-MANY01/trials/sub-MANY01_trial-0001_events.json',
    ]);
  });

  it('lists bucket prefixes the same way, folders first', async () => {
    const { code, stdout } = await run(['ls', 's3://ember-open-data/other/kumar2025/', '--json']);
    expect(code).toBe(0);
    const entries = JSON.parse(stdout) as JsonEntry[];
    expect(entries.map((e) => `${e.kind} ${e.name}`)).toEqual([
      'folder classifiers',
      'folder pose_files',
      'folder videos',
      'file index.html',
    ]);
    expect(entries[3]).toMatchObject({
      uri: 's3://ember-open-data/other/kumar2025/index.html',
      size: expect.any(Number),
    });
  });

  it('takes --api and --s3-endpoint over the environment', async () => {
    const env = { EMBER_API_URL: 'http://127.0.0.1:1/api', EMBER_S3_ENDPOINT: 'http://127.0.0.1:1' };
    const { code, stdout } = await run(['ls', '--api', sample.api, '--s3-endpoint', sample.s3, '--json'], { env });
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as JsonEntry[]).map((e) => e.name)).toEqual(
      expect.arrayContaining(['kumar2025', '000463']),
    );
  });

  it('lists a file target as that one file (issue: it printed nothing and exited 0)', async () => {
    const folder = JSON.parse(
      (await run(['ls', 'dandi://ember-dandi/000463@draft/sub-ADPTM01/', '--json'])).stdout,
    ) as JsonEntry[];
    const file = folder[0];
    const { code, stdout } = await run(['ls', file?.uri ?? '', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([expect.objectContaining({ name: file?.name, kind: 'file', size: file?.size })]);
  });

  it('shows embargoed data with EMBER_DANDI_API_KEY and explains how to get it without', async () => {
    const denied = await run(['ls', 'dandi://ember-dandi/000471']);
    expect(denied.code).toBe(1);
    expect(denied.stdout).toBe('');
    expect(denied.stderr).toBe(
      'ember-archive: Dandiset 000471 is embargoed or private on ember-dandi: set EMBER_DANDI_API_KEY to an API key of that archive.\n',
    );
    const env = { EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3, EMBER_DANDI_API_KEY: sample.apiKey };
    const allowed = await run(['ls', 'dandi://ember-dandi/000471', '--json'], { env });
    expect(allowed.code).toBe(0);
    expect((JSON.parse(allowed.stdout) as JsonEntry[]).map((e) => e.name)).toEqual(['sub-EMB01']);
  });

  it.each([
    [
      ['ls', 'dandi://ember-dandi/000999'],
      1,
      /^ember-archive: Dandiset 000999 does not exist on ember-dandi \(http:\/\/127\.0\.0\.1:\d+\/api\/dandisets\/000999\/\)\.\n$/,
    ],
    [
      ['ls', 'dandi://nowhere/000463'],
      2,
      /^ember-archive: Unknown DANDI instance "nowhere"; known instances: .*ember-dandi.*\.\n$/,
    ],
    [
      ['ls', 'dandi://ember-dandi/12'],
      2,
      /^ember-archive: "dandi:\/\/ember-dandi\/12" is not a valid dandi:\/\/ identifier; use a local path/,
    ],
    [
      ['ls', 's3://ember-open-data/other/missing.h5'],
      1,
      /^ember-archive: There is no file or folder at s3:\/\/ember-open-data\/other\/missing\.h5\.\n$/,
    ],
    [['ls', 'a', 'b'], 2, /^ember-archive: ls takes one target, not 2; quote identifiers that contain spaces\.\n$/],
    [
      ['ls', '--s3-endpoint', 'http://127.0.0.1:1', '--api', 'http://127.0.0.1:1/api', 'bogus-flag-value', '--nope'],
      2,
      /Unknown option '--nope'/,
    ],
  ])('%j exits %i with one line', async (argv, exitCode, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(exitCode);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('reports an unreachable endpoint with its URL, as JSON under --json', async () => {
    const { code, stdout, stderr } = await run([
      'ls',
      's3://ember-open-data/',
      '--json',
      '--s3-endpoint',
      'http://127.0.0.1:2',
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(JSON.parse(stderr)).toEqual({
      error: { code: 'network', message: 'Cannot reach the S3 endpoint http://127.0.0.1:2 (ECONNREFUSED).' },
    });
  });
});
