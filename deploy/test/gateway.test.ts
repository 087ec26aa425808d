// deploy/gateway/gateway.ts on loopback: two "replicas" on 127.0.0.1 and 127.0.0.2 (same port),
// a resolver returning both, new connections alternating, bytes passed both ways; with no replica to
// reach, HTTP clients get 503 problem+json (which also turns the gateway's healthcheck unhealthy).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type Gateway, dnsResolver, startGateway } from '../gateway/gateway.ts';

/** An echo server answering `<name>:<data>`, on `host` and `port` (0: any). */
async function replica(name: string, host: string, port: number): Promise<Server> {
  const server = createServer((s) => s.on('data', (d) => s.write(`${name}:${d.toString()}`)));
  server.listen(port, host);
  await once(server, 'listening');
  return server;
}

async function roundTrip(port: number, text: string): Promise<string> {
  const socket: Socket = connect({ host: '127.0.0.1', port });
  await once(socket, 'connect');
  socket.write(text);
  const [data] = (await once(socket, 'data')) as [Buffer];
  socket.destroy();
  return data.toString();
}

describe('deploy/gateway', () => {
  let a: Server;
  let b: Server;
  let gateway: Gateway;
  let port = 0;
  let addresses = ['127.0.0.1', '127.0.0.2'];

  before(async () => {
    a = await replica('a', '127.0.0.1', 0);
    const upstreamPort = (a.address() as AddressInfo).port;
    b = await replica('b', '127.0.0.2', upstreamPort);
    gateway = await startGateway({ resolve: async () => addresses, ports: new Map([[0, upstreamPort]]), host: '127.0.0.1' });
    port = (gateway.servers[0]!.address() as AddressInfo).port;
  });

  after(async () => {
    await gateway.close();
    a.close();
    b.close();
  });

  it('sends each new connection to the next replica and passes bytes both ways', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await roundTrip(port, `hello${i}`));
    assert.deepEqual(answers.map((s) => s.split(':')[0]).sort(), ['a', 'a', 'b', 'b']);
    assert.deepEqual(answers.map((s) => s.split(':')[1]).sort(), ['hello0', 'hello1', 'hello2', 'hello3']);
    assert.notEqual(answers[0]!.split(':')[0], answers[1]!.split(':')[0]);
  });

  it('follows the resolver: a replica that left the answer gets no new connections', async () => {
    addresses = ['127.0.0.2'];
    for (let i = 0; i < 3; i++) assert.match(await roundTrip(port, 'x'), /^b:/);
    addresses = ['127.0.0.1', '127.0.0.2'];
  });

  it('answers 503 problem+json when no replica is there (an HTTP client gets an answer, not an empty reply)', async () => {
    addresses = [];
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(5000) });
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      const body = (await res.json()) as { status: number; title: string; detail: string };
      assert.equal(body.status, 503);
      assert.match(body.detail, /no replica/);
    } finally {
      addresses = ['127.0.0.1', '127.0.0.2'];
    }
  });

  it('answers 503 when the name does not resolve (every replica stopped: Docker\'s DNS has no answer)', async () => {
    const failing = await startGateway({ resolve: async () => { throw new Error('getaddrinfo ENOTFOUND compute'); }, ports: new Map([[0, 1]]), host: '127.0.0.1' });
    try {
      const p = (failing.servers[0]!.address() as AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${p}/v1/indicators`, { method: 'POST', body: JSON.stringify({ inputs: { close: [1, 2, 3] } }), headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(5000) });
      assert.equal(res.status, 503);
      assert.match(((await res.json()) as { detail: string }).detail, /ENOTFOUND/);
    } finally {
      await failing.close();
    }
  });

  it('answers 503 when the replica refuses the connection', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const deadPort = (closed.address() as AddressInfo).port;
    closed.close();
    const g = await startGateway({ resolve: async () => ['127.0.0.1'], ports: new Map([[0, deadPort]]), host: '127.0.0.1' });
    try {
      const p = (g.servers[0]!.address() as AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${p}/health`, { signal: AbortSignal.timeout(5000) });
      assert.equal(res.status, 503);
      assert.match(((await res.json()) as { detail: string }).detail, /ECONNREFUSED/);
    } finally {
      await g.close();
    }
  });

  it('answers 503 when a replica neither accepts nor refuses within the connect timeout', async () => {
    // 192.0.2.1 (TEST-NET-1) is never assigned: the SYN goes unanswered, or the route is refused at once.
    const g = await startGateway({ resolve: async () => ['192.0.2.1'], ports: new Map([[0, 9464]]), host: '127.0.0.1', connectTimeoutMs: 300 });
    try {
      const p = (g.servers[0]!.address() as AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${p}/health`, { signal: AbortSignal.timeout(5000) });
      assert.equal(res.status, 503);
      assert.match(((await res.json()) as { detail: string }).detail, /192\.0\.2\.1:9464/);
    } finally {
      await g.close();
    }
  });

  it('resolves names to sorted IPv4 addresses', async () => {
    assert.deepEqual(await dnsResolver('localhost')(), ['127.0.0.1']);
  });
});
