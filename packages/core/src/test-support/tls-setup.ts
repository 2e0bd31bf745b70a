// vitest global setup: a certificate authority for the https runs of the range-read, download and fault tests. Its
// certificate goes into NODE_EXTRA_CA_CERTS before vitest starts the test processes, so every client in them (fetch,
// node:https, the AWS SDK, the socket reader) trusts it the way a user's process trusts the sample archive's
// --tls CA; tests serve https with the server certificate it signed (testServerCertificate in test-tls.ts).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCertificateAuthority, issueServerCertificate } from '@ember-archive/sample-archive';

/** Write the CA and a loopback server certificate; point the test processes at them; remove them afterwards. */
export default function setup(): () => void {
  const folder = mkdtempSync(join(tmpdir(), 'ember-test-tls-'));
  const ca = createCertificateAuthority('ember-archive test CA');
  const server = issueServerCertificate(ca);
  // The variable names one file: keep any CAs it already named (a machine's proxy CA, say) beside ours.
  const inherited = process.env.NODE_EXTRA_CA_CERTS;
  const kept = inherited && existsSync(inherited) ? `${readFileSync(inherited, 'utf8').trim()}\n` : '';
  writeFileSync(join(folder, 'ca.pem'), kept + ca.certPem);
  writeFileSync(join(folder, 'server-cert.pem'), server.certPem);
  writeFileSync(join(folder, 'server-key.pem'), server.keyPem);
  // The CA's own certificate and key, for tests that start a sample archive these processes trust.
  writeFileSync(join(folder, 'ca-cert.pem'), ca.certPem);
  writeFileSync(join(folder, 'ca-key.pem'), ca.keyPem);
  // Test processes are forked after global setup and inherit this environment; Node reads the variable at start.
  process.env.NODE_EXTRA_CA_CERTS = join(folder, 'ca.pem');
  process.env.EMBER_TEST_TLS_DIR = folder;
  return () => rmSync(folder, { recursive: true, force: true });
}
