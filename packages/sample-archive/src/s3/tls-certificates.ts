// Certificates for the sample archive's TLS mode: a certificate authority made at start-up (its certificate is what a
// client is told to trust, e.g. through NODE_EXTRA_CA_CERTS or awscli's --ca-bundle) and a server certificate it
// signs for the loopback names. Node can make keys and sign, but not build X.509, and openssl may be missing, so the
// few DER structures are written here (RFC 5280 §4.1 for the certificate, §4.2.1 for the extensions; ECDSA P-256
// with SHA-256 as RFC 5758 §3.2 names it). The extensions are the ones strict verifiers ask for (Python 3.13's
// VERIFY_X509_STRICT, `openssl verify -x509_strict`): critical basicConstraints, keyUsage, subject and authority key
// identifiers, and subjectAltName (browsers and Node ignore the common name).
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { isIP } from 'node:net';

/** A certificate and its private key, PEM-encoded. */
export interface CertificateAndKey {
  certPem: string;
  keyPem: string;
}

/** The names a sample-archive server certificate covers unless told otherwise. */
export const LOOPBACK_NAMES: readonly string[] = ['localhost', '127.0.0.1', '::1'];

const DAY_MS = 86_400_000;

/** A new certificate authority (a self-signed CA certificate, valid for 30 days from an hour ago). */
export function createCertificateAuthority(commonName = 'EMBER sample archive local CA'): CertificateAndKey {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const name = distinguishedName(commonName);
  const keyId = keyIdentifier(publicKey);
  const certificate = buildCertificate({
    issuer: name,
    subject: name,
    subjectKey: publicKey,
    signingKey: privateKey,
    extensions: [
      extension('2.5.29.19', true, seq(boolean(true))), // basicConstraints: cA
      extension('2.5.29.15', true, bitString(Buffer.from([0x06]), 1)), // keyUsage: keyCertSign, cRLSign
      extension('2.5.29.14', false, octets(keyId)), // subjectKeyIdentifier
    ],
  });
  return {
    certPem: pem('CERTIFICATE', certificate),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** A server certificate for `names` (DNS names and IP addresses), signed by `ca`. */
export function issueServerCertificate(
  ca: CertificateAndKey,
  names: readonly string[] = LOOPBACK_NAMES,
): CertificateAndKey {
  if (names.length === 0) throw new RangeError('A server certificate needs at least one name.');
  const caKey = createPrivateKey(ca.keyPem);
  const caPublicKey = createPublicKey(caKey);
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const certificate = buildCertificate({
    issuer: distinguishedName(commonNameOf(ca.certPem)),
    subject: distinguishedName(names[0]!),
    subjectKey: publicKey,
    signingKey: caKey,
    extensions: [
      extension('2.5.29.19', true, seq()), // basicConstraints: not a CA
      extension('2.5.29.15', true, bitString(Buffer.from([0x80]), 7)), // keyUsage: digitalSignature
      extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))), // extKeyUsage: serverAuth
      extension('2.5.29.17', false, seq(...names.map(generalName))), // subjectAltName
      extension('2.5.29.14', false, octets(keyIdentifier(publicKey))),
      extension('2.5.29.35', false, seq(tagged(0x80, keyIdentifier(caPublicKey)))), // authorityKeyIdentifier
    ],
  });
  return {
    certPem: pem('CERTIFICATE', certificate),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

interface CertificateParts {
  issuer: Buffer;
  subject: Buffer;
  subjectKey: KeyObject;
  signingKey: KeyObject;
  extensions: Buffer[];
}

function buildCertificate(parts: CertificateParts): Buffer {
  const now = Date.now();
  const ecdsaWithSha256 = seq(oid('1.2.840.10045.4.3.2'));
  // A positive random serial (RFC 5280 §4.1.2.2; the CA/Browser Forum asks for 64 random bits, this has 126). The
  // first byte is 0x40-0x7f: never zero, so the 16 bytes are already DER's minimal encoding (X.690 §8.3.2), which
  // OpenSSL insists on ("illegal padding" for a zero byte that is not needed).
  const serial = randomBytes(16);
  serial[0] = 0x40 | (serial[0]! & 0x3f);
  const tbs = seq(
    tagged(0xa0, integer(Buffer.from([2]))), // version v3
    integer(serial),
    ecdsaWithSha256,
    parts.issuer,
    seq(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 30 * DAY_MS))),
    parts.subject,
    parts.subjectKey.export({ type: 'spki', format: 'der' }),
    tagged(0xa3, seq(...parts.extensions)),
  );
  // Node signs EC keys with the DER (r, s) encoding X.509 wants.
  return seq(tbs, ecdsaWithSha256, bitString(sign('sha256', tbs, parts.signingKey), 0));
}

// ---- DER (ITU-T X.690) ----

function tagged(tag: number, content: Buffer): Buffer {
  const length = content.length;
  let header: Buffer;
  if (length < 0x80) header = Buffer.from([tag, length]);
  else {
    const bytes: number[] = [];
    for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
    header = Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([header, content]);
}

function seq(...parts: Buffer[]): Buffer {
  return tagged(0x30, Buffer.concat(parts));
}

function integer(magnitude: Buffer): Buffer {
  // A leading 1 bit would make the number negative: pad with a zero byte.
  return tagged(0x02, magnitude[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), magnitude]) : magnitude);
}

function boolean(value: boolean): Buffer {
  return tagged(0x01, Buffer.from([value ? 0xff : 0]));
}

function octets(content: Buffer): Buffer {
  return tagged(0x04, content);
}

function bitString(content: Buffer, unusedBits: number): Buffer {
  return tagged(0x03, Buffer.concat([Buffer.from([unusedBits]), content]));
}

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const bytes = [first! * 40 + second!];
  for (const arc of rest) {
    const group: number[] = [arc & 0x7f];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) group.unshift(0x80 | (n & 0x7f));
    bytes.push(...group);
  }
  return tagged(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const iso = date.toISOString(); // 2026-12-03T09:45:52.123Z -> 261203094552Z
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return tagged(0x17, Buffer.from(text, 'ascii'));
}

function distinguishedName(commonName: string): Buffer {
  const attribute = (type: string, value: string) => seq(oid(type), tagged(0x0c, Buffer.from(value, 'utf8')));
  return seq(
    tagged(0x31, attribute('2.5.4.10', 'EMBER sample archive')),
    tagged(0x31, attribute('2.5.4.3', commonName)),
  );
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [boolean(true)] : []), octets(value));
}

// subjectAltName entries: dNSName [2] or iPAddress [7] (RFC 5280 §4.2.1.6).
function generalName(name: string): Buffer {
  const family = isIP(name);
  if (family === 4) return tagged(0x87, Buffer.from(name.split('.').map(Number)));
  if (family === 6) return tagged(0x87, ipv6Bytes(name));
  return tagged(0x82, Buffer.from(name, 'ascii'));
}

function ipv6Bytes(address: string): Buffer {
  const [head = '', tail] = address.split('::');
  const words = (part: string) => (part === '' ? [] : part.split(':').map((word) => parseInt(word, 16)));
  const front = words(head);
  const back = tail === undefined ? [] : words(tail);
  const all = [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
  const bytes = Buffer.alloc(16);
  all.forEach((word, i) => bytes.writeUInt16BE(word, 2 * i));
  return bytes;
}

// The key identifier RFC 5280 §4.2.1.2 method (1) describes: SHA-1 of the subjectPublicKey bits (the EC point).
function keyIdentifier(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
  return createHash('sha1').update(point).digest();
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function commonNameOf(certPem: string): string {
  const subject = new X509Certificate(certPem).subject;
  return /CN=([^\n]+)/.exec(subject)?.[1] ?? 'EMBER sample archive local CA';
}
