// The server certificate tls-setup.ts made for this test run, signed by the CA the test process already trusts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The certificate and key an https test server presents (trusted through NODE_EXTRA_CA_CERTS). */
export function testServerCertificate(): { certPem: string; keyPem: string } {
  return readPair('server-cert.pem', 'server-key.pem');
}

/** The CA the test processes trust (NODE_EXTRA_CA_CERTS), e.g. for a sample archive started with `tls: { ca }`. */
export function testCertificateAuthority(): { certPem: string; keyPem: string } {
  return readPair('ca-cert.pem', 'ca-key.pem');
}

function readPair(cert: string, key: string): { certPem: string; keyPem: string } {
  const folder = process.env.EMBER_TEST_TLS_DIR;
  if (!folder)
    throw new Error('EMBER_TEST_TLS_DIR is not set: run the tests through vitest (src/test-support/tls-setup.ts).');
  return { certPem: readFileSync(join(folder, cert), 'utf8'), keyPem: readFileSync(join(folder, key), 'utf8') };
}
