// A TLS front for the loopback provider server with a self-signed certificate made by `openssl`
// at test time (no key material is committed), so tests can prove which connections verify TLS.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import type { AddressInfo } from 'node:net';

export interface SelfSigned {
  key: string;
  cert: string;
}

/** A fresh self-signed certificate for `names` (DNS names and IPs), valid for a day. */
export function selfSignedCert(names: readonly string[]): SelfSigned {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-tls-'));
  try {
    const san = names.map((n) => (net.isIP(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
    const keyFile = path.join(dir, 'key.pem');
    const certFile = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', `/CN=${names[0]}`, '-addext', `subjectAltName=${san}`, '-keyout', keyFile, '-out', certFile], {
      stdio: 'ignore',
    });
    return { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface TlsFront {
  port: number;
  /** TLS handshakes that completed (a client that rejected the certificate does not count). */
  handshakes: number;
  close(): Promise<void>;
}

/** Terminates TLS on loopback and pipes the plain bytes to `targetPort`. */
export async function startTlsFront(targetPort: number, cert: SelfSigned): Promise<TlsFront> {
  const sockets = new Set<net.Socket>();
  const front: TlsFront = { port: 0, handshakes: 0, close: async () => undefined };
  const server = tls.createServer({ key: cert.key, cert: cert.cert }, (client) => {
    front.handshakes += 1;
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  front.port = (server.address() as AddressInfo).port;
  front.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return front;
}
