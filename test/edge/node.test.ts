// toNodeListener on a real node:http server on 127.0.0.1, driven with raw sockets: every request gets an answer (no
// method, Host or request target can end the process), and an upload past the limit gets its 413 before the close.
import { createServer, request, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createEdge, toNodeListener } from '../../src/edge/index';
import type { NodeRequest, NodeResponse } from '../../src/edge/node';

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** The edge on a loopback node:http server, over a fake upstream that answers 200. */
async function listen(maxBodyBytes = 1000): Promise<number> {
  const edge = createEdge({
    segment: { writeKeys: ['SEG'], upstream: 'https://seg.test/v1' },
    maxBodyBytes,
    fetch: async () => new Response('{}', { status: 200 }),
  });
  const listener = toNodeListener(edge) as unknown as (req: unknown, res: unknown) => void;
  server = createServer((req, res) => listener(req as unknown as NodeRequest, res as unknown as NodeResponse));
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return (server!.address() as { port: number }).port;
}

/**
 * Sends `head` (and, with `chunks`, a chunked body of that many 16 KB chunks, stopping once an answer arrives) on a raw
 * socket; resolves with what came back, or `RESET` when the connection was reset before any answer.
 */
function raw(port: number, head: string, chunks = 0): Promise<string> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (data) => {
      received += data;
    });
    socket.on('error', () => done(received || 'RESET'));
    socket.on('close', () => done(received || 'CLOSED'));
    socket.write(head);
    const chunk = Buffer.concat([Buffer.from('4000\r\n'), Buffer.alloc(0x4000, 'x'), Buffer.from('\r\n')]);
    let sent = 0;
    const more = () => {
      while (sent < chunks && !received && !socket.destroyed) {
        sent += 1;
        if (!socket.write(chunk)) return void socket.once('drain', more);
      }
      if (socket.destroyed) return;
      if (sent < chunks) socket.end();
      else socket.end('0\r\n\r\n');
    };
    if (chunks) more();
  });
}

const statusOf = (answer: string) => answer.split('\r\n')[0];
const batch = JSON.stringify({ writeKey: 'SEG', batch: [{ type: 'track', event: 'E', anonymousId: 'a' }] });
const postHead = (host = '127.0.0.1', target = '/t/s/batch') =>
  `POST ${target} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: text/plain\r\nContent-Length: ${batch.length}\r\nConnection: close\r\n\r\n${batch}`;

describe('toNodeListener', () => {
  it('answers a method, Host or target new Request() refuses with 405 or 400, and goes on serving', async () => {
    const port = await listen();
    expect(statusOf(await raw(port, 'TRACE /t/s/batch HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'))).toBe(
      'HTTP/1.1 405 Method Not Allowed',
    );
    for (const host of ['a b', 'x:99999', '[::1', 'x/y', 'u@x', ''])
      expect([host, statusOf(await raw(port, postHead(host)))]).toEqual([host, 'HTTP/1.1 400 Bad Request']);
    expect(statusOf(await raw(port, postHead('x:8080', 'http://x:8080/t/s/batch')))).toBe('HTTP/1.1 400 Bad Request');
    expect(statusOf(await raw(port, postHead('x:8080', '*')))).toBe('HTTP/1.1 400 Bad Request');
    // Still serving, and a good Host (with its port) is taken.
    expect(statusOf(await raw(port, postHead('shop.example:8080')))).toBe('HTTP/1.1 200 OK');
    expect(statusOf(await raw(port, postHead()))).toBe('HTTP/1.1 200 OK');
  });

  it('answers 413 to a chunked upload past the limit (no Content-Length), before closing', async () => {
    const port = await listen(100_000);
    const head = 'POST /t/s/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n';
    for (let i = 0; i < 5; i++) expect(statusOf(await raw(port, head, 64))).toBe('HTTP/1.1 413 Payload Too Large');
    expect(statusOf(await raw(port, postHead()))).toBe('HTTP/1.1 200 OK');
  });

  it('answers 413 to each of many concurrent oversize uploads, with or without a length', async () => {
    const port = await listen(100_000);
    const body = Buffer.alloc(300_000, 'x');
    const upload = (chunked: boolean) =>
      new Promise<string>((done) => {
        const headers = chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.length) };
        const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/t/s/batch', headers, agent: false }, (res) => {
          res.resume();
          done(String(res.statusCode));
        });
        req.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? 'error'));
        req.end(body);
      });
    const answers = await Promise.all(Array.from({ length: 120 }, (_, i) => upload(i % 2 === 0)));
    expect(answers.filter((status) => status !== '413')).toEqual([]);
  }, 30_000);
});
