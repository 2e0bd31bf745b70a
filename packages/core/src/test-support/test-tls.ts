// The server certificate tls-setup.ts made for this test run, signed by the CA the test process already trusts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The certificate and key an https test server presents (trusted through NODE_EXTRA_CA_CERTS). */
export function testServerCertificate(): { certPem: string; keyPem: string } {
  const folder = process.env.EMBER_TEST_TLS_DIR;
  if (!folder) throw new Error('EMBER_TEST_TLS_DIR is not set: run the tests through vitest (src/test-support/tls-setup.ts).');
  return { certPem: readFileSync(join(folder, 'server-cert.pem'), 'utf8'), keyPem: readFileSync(join(folder, 'server-key.pem'), 'utf8') };
}
