// The compose stack's front for the compute replicas: a TCP round-robin proxy. Each port it
// listens on is forwarded to the same port of one replica; each new connection goes to the next
// replica of the current DNS answer for the upstream name (Docker's embedded DNS returns one
// address per container of a service), so `--scale compute=N` needs no change here. Keep-alive
// connections stay on the replica they were opened to (layer 4), as behind a Kubernetes Service.
// With no replica to reach it answers HTTP 503 problem+json itself, which also fails its healthcheck.
//   UPSTREAM=compute PORTS=8080,9464 node deploy/gateway/gateway.ts
import { lookup } from 'node:dns/promises';
import { type Server, type Socket, connect, createServer } from 'node:net';

export type Resolve = () => Promise<string[]>;

/** The upstream's IPv4 addresses, sorted so the rotation is stable while the set is unchanged. */
export function dnsResolver(host: string): Resolve {
  return async () => (await lookup(host, { all: true, family: 4 })).map((a) => a.address).sort();
}

export interface GatewayOptions {
  resolve: Resolve;
  /** listen port -> upstream port */
  ports: ReadonlyMap<number, number>;
  host?: string;
  /** How long a replica may take to accept a connection before the client gets a 503 (default 5 s). */
  connectTimeoutMs?: number;
}

export interface Gateway {
  servers: Server[];
  close(): Promise<void>;
}

/**
 * No replica to send the connection to: answer as HTTP (both ports speak it) with 503 problem+json
 * and close, so a client gets a reason instead of an empty reply, and the healthcheck (a request
 * through the gateway) fails. The request is read and dropped until the client closes (bounded):
 * closing with unread bytes would reset the connection before the client reads the answer.
 */
function unavailable(client: Socket, detail: string): void {
  const body = JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail });
  client.on('error', () => client.destroy());
  client.on('data', () => undefined);
  client.setTimeout(5000, () => client.destroy());
  client.resume();
  client.end(
    'HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/problem+json\r\n' +
      `content-length: ${Buffer.byteLength(body)}\r\nretry-after: 5\r\nconnection: close\r\n\r\n${body}`,
  );
}

function forward(client: Socket, address: string, port: number, connectTimeoutMs: number): void {
  const upstream = connect({ host: address, port });
  let connected = false;
  // A replica that neither accepts nor refuses (stopped mid-way, a dropped route) gets a bounded wait.
  upstream.setTimeout(connectTimeoutMs, () => {
    if (!connected) upstream.destroy(Object.assign(new Error('connect timeout'), { code: `no answer within ${connectTimeoutMs} ms` }));
  });
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  upstream.once('connect', () => {
    connected = true;
    upstream.setTimeout(0);
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
  });
  upstream.on('error', (error: NodeJS.ErrnoException) => {
    if (connected) close();
    else {
      upstream.destroy();
      unavailable(client, `the replica ${address}:${port} did not accept the connection (${error.code ?? error.message})`);
    }
  });
  client.on('error', close);
  upstream.on('close', () => {
    if (connected) close();
  });
  client.on('close', close);
}

export async function startGateway({ resolve, ports, host = '0.0.0.0', connectTimeoutMs = 5000 }: GatewayOptions): Promise<Gateway> {
  let next = 0;
  const servers = await Promise.all([...ports].map(([listenPort, upstreamPort]) => new Promise<Server>((ready, fail) => {
    const server = createServer({ pauseOnConnect: true }, (client) => {
      resolve().then(
        (addresses) => {
          if (addresses.length === 0) unavailable(client, 'no replica of the service is running');
          else forward(client, addresses[next++ % addresses.length]!, upstreamPort, connectTimeoutMs);
        },
        (error: Error) => unavailable(client, `no replica of the service is running (${error.message})`),
      );
    });
    server.once('error', fail);
    server.listen(listenPort, host, () => ready(server));
  })));
  return {
    servers,
    close: () => Promise.all(servers.map((s) => new Promise<void>((done) => s.close(() => done())))).then(() => undefined),
  };
}

if (import.meta.main) {
  const upstream = process.env.UPSTREAM ?? 'compute';
  const list = (process.env.PORTS ?? '8080,9464').split(',').map((p) => Number(p.trim()));
  if (list.some((p) => !Number.isInteger(p) || p < 1 || p > 65535)) {
    console.error(`PORTS must be a comma-separated list of ports, got "${process.env.PORTS}"`);
    process.exit(2);
  }
  const gateway = await startGateway({ resolve: dnsResolver(upstream), ports: new Map(list.map((p) => [p, p])) });
  console.log(JSON.stringify({ msg: 'gateway listening', upstream, ports: list }));
  process.once('SIGTERM', () => {
    gateway.close().then(() => process.exit(0), () => process.exit(1));
    // Idle keep-alive connections hold close() open; compose's stop timeout is the backstop.
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
