// The TLS mode with the real clients users would point at it (Debian's aws CLI, rclone), each told to trust the
// sample archive's CA as their users would: aws --ca-bundle, rclone --ca-cert. Without it they must refuse.
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Server, type ListeningS3Server } from './server.js';
import { createCliSandbox, findClient, objectBytes, type CliSandbox } from './test-support/cli.js';
import { SPACED_KEY, TEST_BUCKET, buildEmberLayout, type EmberLayout } from './test-support/ember-layout.js';
import { createCertificateAuthority, issueServerCertificate } from './tls-certificates.js';

let layout: EmberLayout;
let server: ListeningS3Server;
let sandbox: CliSandbox;
let caFile: string;

beforeAll(async () => {
  layout = buildEmberLayout();
  const ca = createCertificateAuthority();
  server = await createS3Server(layout.store, { tls: issueServerCertificate(ca) }).listen(0);
  sandbox = createCliSandbox();
  caFile = join(sandbox.dir, 'ca.pem');
  writeFileSync(caFile, ca.certPem);
});
afterAll(async () => {
  await server?.close();
  layout?.cleanup();
  sandbox?.cleanup();
});

describe.concurrent('real S3 clients over TLS', { timeout: 60_000 }, () => {
  it('aws s3 cp fetches an object over https with --ca-bundle, and refuses the server without it', async () => {
    const aws = findClient('aws');
    const target = join(sandbox.dir, 'aws-copy');
    const common = ['--no-sign-request', '--endpoint-url', server.url];
    await sandbox.run(aws, ['s3', 'cp', `s3://${TEST_BUCKET}/${SPACED_KEY}`, target, '--ca-bundle', caFile, ...common]);
    expect((await readFile(target)).equals(await objectBytes(layout.store, SPACED_KEY))).toBe(true);
    await expect(sandbox.run(aws, ['s3', 'ls', `s3://${TEST_BUCKET}/`, ...common])).rejects.toThrow(/SSL|certificate/i);
  });

  it('rclone cat reads an object over https with --ca-cert', async () => {
    const rclone = findClient('rclone');
    const bytes = await sandbox.runBytes(rclone, [
      'cat',
      `:s3:${TEST_BUCKET}/${SPACED_KEY}`,
      '--s3-provider',
      'Other',
      '--s3-endpoint',
      server.url,
      '--ca-cert',
      caFile,
    ]);
    expect(bytes.equals(await objectBytes(layout.store, SPACED_KEY))).toBe(true);
  });
});
