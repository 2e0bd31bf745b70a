// The socket range reader against a scripted loopback server that writes exactly the bytes each test wants, split
// wherever the test says, so framing edge cases are real socket reads, not mocks. Every case runs over plain TCP
// and over TLS (a certificate from a CA made here, trusted through the pool's secure context).
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { createCertificateAuthority, issueServerCertificate } from '@ember-archive/sample-archive';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProtocolError, UntrustedCertificateError } from '../errors.js';
import { RetryableNetworkError, trustContext } from './http-range.js';
import { ConnectionPool, fetchRangeOverSocket, type SocketRangeRequest } from './socket-range.js';

const object = randomBytes(300_000);
type Respond = (request: string, socket: Socket, connection: number) => void | Promise<void>;

let server: Server;
let url: string;
let respond: Respond;
let connections: number;
let requests: string[];
let folder: string;
let fd: number;
let pool: ConnectionPool;
const open = new Set<Socket>();
const ca = createCertificateAuthority();
const serverCertificate = issueServerCertificate(ca);
const trusted = trustContext(ca.certPem);

describe.each(['http', 'https'] as const)('over %s', (scheme) => {
  beforeEach(async () => {
    connections = 0;
    requests = [];
    const onConnection = (socket: Socket) => {
      const connection = ++connections;
      open.add(socket);
      socket.once('close', () => open.delete(socket));
      let pending = '';
      socket.on('data', (data) => {
        pending += data.toString('latin1');
        let end: number;
        while ((end = pending.indexOf('\r\n\r\n')) >= 0) {
          const request = pending.slice(0, end + 4);
          pending = pending.slice(end + 4);
          requests.push(request);
          void respond(request, socket, connection);
        }
      });
      socket.on('error', () => undefined);
    };
    server =
      scheme === 'https'
        ? createTlsServer({ cert: serverCertificate.certPem, key: serverCertificate.keyPem }, onConnection)
        : createServer(onConnection);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `${scheme}://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/bucket/object.bin`;
    folder = await mkdtemp(join(tmpdir(), 'ember-socket-range-'));
    fd = openSync(join(folder, 'partial'), 'w+');
    pool = new ConnectionPool(4, trusted);
  });

  afterEach(async () => {
    pool.close();
    closeSync(fd);
    for (const socket of open) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
    await rm(folder, { recursive: true, force: true });
  });

  /** The requested range of `object` as a well-formed 206 head plus body. */
  function answer206(request: string, extraHeaders = ''): { head: string; body: Buffer } {
    const [, start, end] = /Range: bytes=(\d+)-(\d+)/.exec(request)!.map(Number) as [number, number, number];
    const body = object.subarray(start, end + 1);
    const head = `HTTP/1.1 206 Partial Content\r\nContent-Range: bytes ${start}-${end}/${object.byteLength}\r\nContent-Length: ${body.byteLength}\r\nETag: "e1"\r\n${extraHeaders}\r\n`;
    return { head, body };
  }

  const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

  /** Write `bytes` in pieces of `size`, pausing between them so the client sees separate reads. */
  async function trickle(socket: Socket, bytes: Buffer, size: number): Promise<void> {
    for (let at = 0; at < bytes.byteLength; at += size) {
      socket.write(bytes.subarray(at, at + size));
      await pause();
    }
  }

  function fetch(start: number, end: number, overrides: Partial<SocketRangeRequest> = {}) {
    let written = 0;
    const promise = fetchRangeOverSocket({
      url,
      start,
      end,
      totalSize: object.byteLength,
      idleTimeoutMs: 2000,
      pool,
      fd,
      path: 'object.bin',
      onWritten: (length) => void (written += length),
      ...overrides,
    });
    return { promise, written: () => written };
  }

  const onDisk = (start: number, length: number) =>
    readFileSync(join(folder, 'partial')).subarray(start, start + length);

  describe('fetchRangeOverSocket', () => {
    it('asks for the range with the user agent, and writes the body at its offset, the head split across many reads', async () => {
      respond = async (request, socket) => {
        const { head, body } = answer206(request);
        await trickle(socket, Buffer.from(head + '', 'latin1'), 7);
        await trickle(socket, body, 50_000);
      };
      const run = fetch(1000, 200_999);
      expect(await run.promise).toEqual({ kind: 'done', result: { bytes: 200_000, etag: 'e1' } });
      expect(run.written()).toBe(200_000);
      expect(onDisk(1000, 200_000).equals(object.subarray(1000, 201_000))).toBe(true);
      expect(requests[0]).toMatch(/^GET \/bucket\/object\.bin HTTP\/1\.1\r\n/);
      expect(requests[0]).toMatch(/\r\nRange: bytes=1000-200999\r\n/);
      expect(requests[0]).toMatch(/\r\nUser-Agent: ember-archive\//);
    });

    it('keeps the connection alive for the next range, and retries once on a fresh one when the server dropped it', async () => {
      const served = new Map<number, number>();
      respond = (request, socket, connection) => {
        const count = (served.get(connection) ?? 0) + 1;
        served.set(connection, count);
        // Connection 1 answers twice, then closes on the third request without an answer (as a server whose
        // keep-alive timeout fired while the request was on its way): the client must try once more on a new one.
        if (connection === 1 && count === 3) return void socket.destroy();
        const { head, body } = answer206(request);
        socket.write(head);
        socket.write(body);
      };
      await fetch(0, 99).promise;
      await fetch(100, 199).promise;
      await fetch(200, 299).promise;
      expect(onDisk(0, 300).equals(object.subarray(0, 300))).toBe(true);
      expect(connections).toBe(2);
      expect([...served]).toEqual([
        [1, 3],
        [2, 1],
      ]);
    });

    it('does not reuse a connection the server closed after answering', async () => {
      let closed: Promise<unknown> | undefined;
      respond = (request, socket, connection) => {
        const { head, body } = answer206(request);
        socket.write(head);
        socket.write(body);
        // Closing without having said so; the client's own FIN in reply closes the server's socket.
        if (connection === 1) {
          closed = new Promise((resolve) => socket.once('close', resolve));
          socket.end();
        }
      };
      await fetch(0, 99).promise;
      // Wait for the close, not for a time: once the server's socket has closed the client has seen its FIN.
      await closed;
      await fetch(100, 199).promise;
      expect(onDisk(0, 200).equals(object.subarray(0, 200))).toBe(true);
      expect(connections).toBe(2);
      expect(requests.length).toBe(2);
    });

    it('refuses a malformed status line without writing anything', async () => {
      respond = (_, socket) => void socket.end('HTTP/1.1 2OO OK\r\nContent-Length: 3\r\n\r\nabc');
      const run = fetch(0, 2);
      await expect(run.promise).rejects.toThrow(ProtocolError);
      await expect(run.promise).rejects.toThrow(/answered with a malformed status line "HTTP\/1\.1 2OO OK"/);
      expect(run.written()).toBe(0);
    });

    it('refuses a 206 without Content-Range', async () => {
      respond = (_, socket) =>
        void socket.write('HTTP/1.1 206 Partial Content\r\nContent-Length: 10\r\n\r\n0123456789');
      await expect(fetch(0, 9).promise).rejects.toThrow(/answered a range request with the wrong Content-Range ""/);
    });

    it('refuses a body longer than the range asked for', async () => {
      respond = (_, socket) =>
        void socket.write(
          `HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-9/${object.byteLength}\r\nContent-Length: 11\r\n\r\n0123456789a`,
        );
      const run = fetch(0, 9);
      await expect(run.promise).rejects.toThrow(/sent more bytes than the 10 asked for/);
      expect(run.written()).toBe(0);
    });

    it('keeps the bytes of a body that ends early and fails so that a retry resumes after them', async () => {
      respond = (request, socket) => {
        const { head, body } = answer206(request);
        socket.write(head);
        socket.end(body.subarray(0, 12_345));
      };
      const run = fetch(5000, 54_999);
      const error = await run.promise.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RetryableNetworkError);
      expect((error as Error).message).toMatch(/ended after 12345 of 50000 bytes/);
      expect(run.written()).toBe(12_345);
      expect(onDisk(5000, 12_345).equals(object.subarray(5000, 17_345))).toBe(true);
    });

    it('reads exactly Content-Length bytes: trailing bytes after the body are dropped with the connection', async () => {
      respond = (request, socket) => {
        const { head, body } = answer206(request);
        socket.write(Buffer.concat([Buffer.from(head, 'latin1'), body, Buffer.from('HTTP/1.1 200 OK\r\n\r\ngarbage')]));
      };
      const run = fetch(0, 999);
      expect(await run.promise).toMatchObject({ kind: 'done', result: { bytes: 1000 } });
      expect(run.written()).toBe(1000);
      await fetch(1000, 1999).promise;
      expect(connections).toBe(2);
    });

    it('hands chunked bodies and other schemes to node:http, and follows http(s) redirects itself', async () => {
      respond = (request, socket) => {
        if (request.startsWith('GET /chunked'))
          return void socket.write('HTTP/1.1 206 Partial Content\r\nTransfer-Encoding: chunked\r\n\r\n');
        if (request.startsWith('GET /secure'))
          return void socket.write('HTTP/1.1 302 Found\r\nLocation: ftp://example.org/x\r\nContent-Length: 0\r\n\r\n');
        if (request.startsWith('GET /moved'))
          return void socket.write(
            'HTTP/1.1 307 Temporary Redirect\r\nLocation: /bucket/object.bin\r\nContent-Length: 0\r\n\r\n',
          );
        const { head, body } = answer206(request);
        socket.write(head);
        socket.write(body);
      };
      const base = new URL(url).origin;
      expect(await fetch(0, 9, { url: `${base}/chunked` }).promise).toEqual({
        kind: 'fallback',
        url: `${base}/chunked`,
      });
      expect(await fetch(0, 9, { url: `${base}/secure` }).promise).toEqual({
        kind: 'fallback',
        url: 'ftp://example.org/x',
      });
      expect(await fetch(0, 9, { url: `${base}/moved` }).promise).toEqual({
        kind: 'done',
        result: { bytes: 10, etag: 'e1' },
      });
      expect(onDisk(0, 10).equals(object.subarray(0, 10))).toBe(true);
    });

    it('turns 503 with Retry-After into a retryable error that carries the wait', async () => {
      respond = (_, socket) =>
        void socket.write('HTTP/1.1 503 Slow Down\r\nRetry-After: 2\r\nContent-Length: 4\r\n\r\nslow');
      const error = await fetch(0, 9).promise.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RetryableNetworkError);
      expect(error).toMatchObject({ status: 503, retryAfterMs: 2000 });
    });

    it('times out a stalled body, keeping what arrived', async () => {
      respond = (request, socket) => {
        const { head, body } = answer206(request);
        socket.write(head);
        socket.write(body.subarray(0, 777));
      };
      const run = fetch(0, 9999, { idleTimeoutMs: 150 });
      await expect(run.promise).rejects.toThrow(/No data from .* for 0\.15 s \(stalled transfer\)/);
      expect(run.written()).toBe(777);
    });

    it('stops at once when aborted', async () => {
      const controller = new AbortController();
      // Aborted while the request waits for its answer (the server got it and says nothing).
      respond = () => controller.abort(new Error('stop'));
      const run = fetch(0, 9, { signal: controller.signal, idleTimeoutMs: 60_000 });
      await expect(run.promise).rejects.toThrow('stop');
      expect(requests.length).toBe(1);
    });
  });

  it.runIf(scheme === 'https')('refuses a certificate it does not trust, once, with what to do about it', async () => {
    respond = (request, socket) => {
      const { head, body } = answer206(request);
      socket.write(head);
      socket.write(body);
    };
    const error = await fetch(0, 9, { pool: new ConnectionPool(1) }).promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UntrustedCertificateError);
    expect(error).toMatchObject({ url, tlsCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    expect((error as Error).message).toMatch(
      /^The TLS certificate of https:\/\/127\.0\.0\.1:\d+\/bucket\/object\.bin is not trusted \(.*\); if a private CA issued it, set NODE_EXTRA_CA_CERTS/,
    );
  });
});
