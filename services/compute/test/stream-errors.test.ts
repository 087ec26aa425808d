/**
 * No exception escapes a WebSocket handler: a stream that throws while updating, a reply that cannot
 * be serialised, a peek that throws, frames that break the protocol. Each becomes a typed error
 * reply or a closed connection, never a crashed process. The failures are injected into the
 * kernels library's stream class (the service runs in this process).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IndicatorStream } from '@chitti/kernels';
import { start } from './helpers.ts';
import { clientFrame, connectWs, rawUpgrade } from './ws.ts';

test('exceptions while handling stream messages become typed replies; the connection and the process carry on', async () => {
  const h = await start();
  const proto = IndicatorStream.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = { update: proto.update!, peek: proto.peek!, snapshot: proto.snapshot! };
  proto.update = function (this: unknown, ...args: unknown[]) {
    if ((args[0] as { close?: number }).close === 13) throw new TypeError('injected: update failed halfway');
    return original.update.apply(this, args);
  };
  proto.peek = function (this: unknown, ...args: unknown[]) {
    if ((args[0] as { close?: number }).close === 13) throw new RangeError('injected: peek failed');
    return original.peek.apply(this, args);
  };
  proto.snapshot = function (this: unknown) {
    return { ...(original.snapshot.call(this) as object), unserialisable: 10n };
  };
  try {
    const c = await connectWs(`${h.tcp.replace('http', 'ws')}/v1/stream`);
    assert.equal((await c.send({ op: 'open', key: 'a', id: 'sma', params: { period: 3 } })).op, 'opened');
    assert.equal((await c.send({ op: 'update', key: 'a', bar: { close: 1 } })).op, 'output');
    const peek = await c.send({ op: 'peek', key: 'a', bar: { close: 13 } });
    assert.deepEqual([peek.op, peek.key, peek.code], ['error', 'a', 'INTERNAL']);
    assert.equal((await c.send({ op: 'update', key: 'a', bar: { close: 2 } })).bar, 1, 'a failed peek leaves the stream');
    const snap = await c.send({ op: 'snapshot', key: 'a' });
    assert.deepEqual([snap.op, snap.code], ['error', 'INTERNAL'], 'a reply that cannot be serialised');
    const broken = await c.send({ op: 'update', key: 'a', bar: { close: 13 } });
    assert.deepEqual([broken.op, broken.key, broken.code], ['error', 'a', 'STREAM_BROKEN']);
    assert.equal((await c.send({ op: 'update', key: 'a', bar: { close: 3 } })).code, 'UNKNOWN_STREAM', 'a stream that failed halfway is closed');
    assert.equal((await c.send({ op: 'open', key: 'a', id: 'ema' })).op, 'opened', 'the connection is still usable');
    await c.close();
    const text = await (await fetch(`${h.adminUrl}/metrics`)).text();
    assert.match(text, /^chitti_compute_streams_active 0$/m);
    assert.match(text, /^chitti_compute_stream_state_bytes 0$/m);
    assert.match(text, /^chitti_compute_stream_errors_total\{code="STREAM_BROKEN"\} 1$/m);
  } finally {
    Object.assign(proto, original);
    await h.close();
  }
});

test('frames that break the protocol close that connection (1007, 1002); the service lives on', async () => {
  const h = await start();
  try {
    const port = Number(new URL(h.tcp).port);
    const closeCode = async (bytes: Buffer) => {
      const { socket, head } = await rawUpgrade(port);
      assert.match(head, /^HTTP\/1\.1 101 /);
      let data = Buffer.alloc(0);
      socket.on('data', (c: Buffer) => (data = Buffer.concat([data, c])));
      socket.write(bytes);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('not closed within 3 s')), 3000);
        socket.once('close', () => (clearTimeout(timer), resolve()));
      });
      // The server's close frame: opcode 0x8, then the code.
      const at = data.indexOf(0x88);
      return at >= 0 ? data.readUInt16BE(at + 2) : undefined;
    };
    const badUtf8 = Buffer.concat([Buffer.from([0x81, 0x80 | 2]), Buffer.alloc(4), Buffer.from([0xc3, 0x28])]);
    assert.equal(await closeCode(badUtf8), 1007);
    const unmasked = Buffer.from([0x81, 0x02, 0x7b, 0x7d]);
    assert.equal(await closeCode(unmasked), 1002);
    const reserved = Buffer.concat([Buffer.from([0x81 | 0x40]), clientFrame('{}').subarray(1)]);
    assert.equal(await closeCode(reserved), 1002);
    assert.equal((await fetch(`${h.adminUrl}/health`)).status, 200);
    const c = await connectWs(`${h.tcp.replace('http', 'ws')}/v1/stream`);
    assert.equal((await c.send({ op: 'open', key: 'x', id: 'rsi' })).op, 'opened');
    await c.close();
  } finally {
    await h.close();
  }
});
