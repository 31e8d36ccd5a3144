// A tiny real HTTP proxy on loopback (CONNECT tunnels and absolute-form forwarding) that counts
// what went through it, so tests can prove the client used the proxy it was given.
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TestProxy {
  url: string;
  counts: { connect: number; forward: number };
  /** Request lines seen (CONNECT host:port or METHOD url): never headers. */
  seen: string[];
  /** Everything a client sent through it (tunnelled bytes, forwarded heads), to prove a key never reached it. */
  received(): string;
  close(): Promise<void>;
}

/**
 * `dropConnect`: close CONNECT sockets without an answer, as a broken proxy does.
 * `route`: where a CONNECT target really goes (a made-up remote host served on loopback).
 */
export async function startTestProxy(opts: { dropConnect?: boolean; route?: Record<string, { host: string; port: number }> } = {}): Promise<TestProxy> {
  const counts = { connect: 0, forward: 0 };
  const seen: string[] = [];
  const bytes: Buffer[] = [];
  const sockets = new Set<net.Socket>();

  const server = http.createServer((req, res) => {
    // Absolute-form request: forward it to the origin.
    counts.forward += 1;
    seen.push(`${req.method} ${req.url}`);
    bytes.push(Buffer.from(`${req.method} ${req.url}\n${JSON.stringify(req.headers)}\n`));
    req.on('data', (c: Buffer) => bytes.push(c));
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const up = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: `${target.pathname}${target.search}`, headers: req.headers },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });

  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    counts.connect += 1;
    seen.push(`CONNECT ${req.url}`);
    if (opts.dropConnect) {
      client.destroy();
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const to = opts.route?.[req.url ?? ''] ?? { host, port: Number(port) };
    let open = false;
    if (head.length) bytes.push(head);
    const upstream = net.connect(to.port, to.host, () => {
      open = true;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
      // Attached after pipe, so recording never switches the socket to flowing before the tunnel opens.
      client.on('data', (c: Buffer) => bytes.push(c));
    });
    for (const s of [upstream, client]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    // Like a real proxy: an unreachable origin is a 502 answer to the CONNECT, not silence.
    upstream.on('error', () => (open ? client.destroy() : client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n')));
    client.on('error', () => upstream.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    seen,
    received: () => Buffer.concat(bytes).toString('latin1'),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
