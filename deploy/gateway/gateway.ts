// The compose stack's front for the compute replicas: a TCP round-robin proxy. Each port it
// listens on is forwarded to the same port of one replica; each new connection goes to the next
// replica of the current DNS answer for the upstream name (Docker's embedded DNS returns one
// address per container of a service), so `--scale compute=N` needs no change here. Keep-alive
// connections stay on the replica they were opened to (layer 4), as behind a Kubernetes Service.
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
}

export interface Gateway {
  servers: Server[];
  close(): Promise<void>;
}

function forward(client: Socket, address: string, port: number): void {
  const upstream = connect({ host: address, port });
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  upstream.once('connect', () => {
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
  });
  upstream.on('error', close);
  client.on('error', close);
  upstream.on('close', close);
  client.on('close', close);
}

export async function startGateway({ resolve, ports, host = '0.0.0.0' }: GatewayOptions): Promise<Gateway> {
  let next = 0;
  const servers = await Promise.all([...ports].map(([listenPort, upstreamPort]) => new Promise<Server>((ready, fail) => {
    const server = createServer({ pauseOnConnect: true }, (client) => {
      resolve().then((addresses) => {
        if (addresses.length === 0) throw new Error('no upstream address');
        forward(client, addresses[next++ % addresses.length]!, upstreamPort);
      }).catch(() => client.destroy());
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
