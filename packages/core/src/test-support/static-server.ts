// A minimal loopback HTTP server for tests: serves in-memory files with Range, HEAD, ETag (MD5) and optional
// redirects, so download and reader tests do not depend on the sample archive.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A running static server. */
export interface StaticServer {
  url: string;
  /** Add or replace a file at `path` (starting with "/"). */
  put(path: string, bytes: Uint8Array): void;
  /** Answer `from` with a 302 to `to` (both paths). */
  redirect(from: string, to: string): void;
  /** GET requests served, by path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/** Start a static server on a free loopback port. */
export async function startStaticServer(files: Record<string, Uint8Array> = {}): Promise<StaticServer> {
  const content = new Map<string, { bytes: Uint8Array; etag: string }>();
  const redirects = new Map<string, string>();
  const hits = new Map<string, number>();
  const sockets = new Set<Socket>();
  const put = (path: string, bytes: Uint8Array) =>
    content.set(path, { bytes, etag: createHash('md5').update(bytes).digest('hex') });
  for (const [path, bytes] of Object.entries(files)) put(path, bytes);

  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const redirect = redirects.get(path);
    if (redirect) return void res.writeHead(302, { location: redirect }).end();
    const file = content.get(path);
    if (!file) return void res.writeHead(404).end('not found');
    if (req.method === 'GET') hits.set(path, (hits.get(path) ?? 0) + 1);
    const size = file.bytes.byteLength;
    const headers: Record<string, string> = {
      etag: `"${file.etag}"`,
      'accept-ranges': 'bytes',
      'content-type': 'application/octet-stream',
    };
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    let start = 0;
    let end = size - 1;
    let status = 200;
    if (range) {
      start = Number(range[1]);
      end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start >= size || end < start) return void res.writeHead(416, { 'content-range': `bytes */${size}` }).end();
      status = 206;
      headers['content-range'] = `bytes ${start}-${end}/${size}`;
    }
    headers['content-length'] = String(end - start + 1);
    res.writeHead(status, headers);
    if (req.method === 'HEAD') return void res.end();
    res.end(Buffer.from(file.bytes.buffer, file.bytes.byteOffset + start, end - start + 1));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const url = await new Promise<string>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
  return {
    url,
    put,
    redirect: (from, to) => void redirects.set(from, to),
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
