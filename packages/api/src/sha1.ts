// SHA-1 of answers, for entity tags. Web Crypto is in every runtime the API runs on, but Node runs its digests on
// the libuv thread pool: a round trip of 0.1-0.3 ms per answer, more than hashing a few hundred kB takes. Where the
// runtime offers Node's synchronous hash (`process.getBuiltinModule`, Node >= 20.16), that is used instead.
import type * as NodeCrypto from 'node:crypto';

const nodeCrypto = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
).process?.getBuiltinModule?.('node:crypto') as typeof NodeCrypto | undefined;

/** SHA-1 of `bytes` (what Hono's etag middleware takes as `generateDigest`). */
export function sha1(bytes: Uint8Array<ArrayBuffer>): ArrayBuffer | Promise<ArrayBuffer> {
  if (nodeCrypto === undefined) return crypto.subtle.digest('SHA-1', bytes);
  const digest = nodeCrypto.createHash('sha1').update(bytes).digest();
  return digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.byteLength) as ArrayBuffer;
}

/** SHA-1 of `bytes` in lowercase hex. */
export async function sha1Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await sha1(bytes));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
