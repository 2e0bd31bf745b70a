// A serial whose random first byte is zero once made a certificate OpenSSL refused to load ("illegal padding": a
// DER integer with a leading zero byte it does not need), about one start in 128. The random bytes are pinned here.
import { X509Certificate } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

const pinned = vi.hoisted(() => ({ bytes: undefined as Uint8Array | undefined }));
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  const randomBytes = (size: number) => (pinned.bytes ? Buffer.from(pinned.bytes) : crypto.randomBytes(size));
  return { ...crypto, default: { ...crypto, randomBytes }, randomBytes };
});
const { createCertificateAuthority, issueServerCertificate } = await import('./tls-certificates.js');

describe('sample-archive certificate serial numbers', () => {
  it.each([
    ['all zero', new Uint8Array(16)],
    ['a zero first byte', Uint8Array.from({ length: 16 }, (_, i) => (i === 0 ? 0 : 0x11))],
    ['all ones', new Uint8Array(16).fill(0xff)],
  ])('are positive, 16 bytes and loadable from %s random bytes', (_, bytes) => {
    pinned.bytes = bytes;
    const ca = createCertificateAuthority();
    const server = issueServerCertificate(ca);
    pinned.bytes = undefined;
    for (const { certPem } of [ca, server]) {
      const serial = new X509Certificate(certPem).serialNumber;
      expect(serial).toMatch(/^[4-7][0-9A-F]{31}$/);
    }
  });
});
