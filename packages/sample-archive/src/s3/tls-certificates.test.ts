import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCertificateAuthority, issueServerCertificate } from './tls-certificates.js';

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('sample-archive TLS certificates', () => {
  const ca = createCertificateAuthority();
  const server = issueServerCertificate(ca);

  it('makes a self-signed CA and a server certificate it issued for the loopback names', () => {
    const caCert = new X509Certificate(ca.certPem);
    const leaf = new X509Certificate(server.certPem);
    expect(caCert.ca).toBe(true);
    expect(caCert.verify(caCert.publicKey)).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.checkIssued(caCert)).toBe(true);
    expect(leaf.verify(caCert.publicKey)).toBe(true);
    expect(leaf.checkHost('localhost')).toBe('localhost');
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.checkIP('::1')).toBe('::1');
    expect(leaf.checkHost('example.org')).toBeUndefined();
    expect(leaf.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
  });

  it('is trusted by a TLS client given the CA, and refused by one that is not', async () => {
    const https = createServer({ cert: server.certPem, key: server.keyPem }, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(https.address() as AddressInfo).port}/`;
    const fetchBody = (options: { ca?: string }) =>
      new Promise<string>((resolve, reject) => {
        get(url, options, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve(body));
        }).on('error', reject);
      });
    try {
      await expect(fetchBody({ ca: ca.certPem })).resolves.toBe('ok');
      await expect(fetchBody({})).rejects.toThrow(/certificate/);
    } finally {
      https.close();
    }
  });

  it.skipIf(!hasOpenssl)('passes openssl verify -x509_strict', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ember-tls-'));
    try {
      writeFileSync(join(dir, 'ca.pem'), ca.certPem);
      writeFileSync(join(dir, 'server.pem'), server.certPem);
      const out = execFileSync(
        'openssl',
        ['verify', '-x509_strict', '-CAfile', join(dir, 'ca.pem'), join(dir, 'server.pem')],
        { encoding: 'utf8' },
      );
      expect(out.trim()).toBe(`${join(dir, 'server.pem')}: OK`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
