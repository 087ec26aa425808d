// deploy/gateway/gateway.ts on loopback: two "replicas" on 127.0.0.1 and 127.0.0.2 (same port),
// a resolver returning both, new connections alternating, bytes passed both ways.
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

  it('closes the client connection when no replica is there', async () => {
    addresses = [];
    const socket = connect({ host: '127.0.0.1', port });
    await once(socket, 'close');
    addresses = ['127.0.0.1', '127.0.0.2'];
  });

  it('resolves names to sorted IPv4 addresses', async () => {
    assert.deepEqual(await dnsResolver('localhost')(), ['127.0.0.1']);
  });
});
