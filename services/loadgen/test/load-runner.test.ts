// The runner against a local HTTP server: it sends the mix at the configured rate, with the bearer
// token on every request, and stops by itself when the duration is over.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { pino } from 'pino';
import { loadConfig } from '../src/loadgen-config.ts';
import { run } from '../src/load-runner.ts';

test('every request carries the bearer token; the run ends after its duration', async () => {
  const seen: (string | undefined)[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.authorization);
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const config = loadConfig({ TARGET: `http://127.0.0.1:${port}`, RATE: '40', DURATION: '1', API_TOKEN: 'demo-token-0123456789' });
    const started = Date.now();
    await run(config, pino({ level: 'silent' }), new AbortController().signal);
    assert.ok(Date.now() - started < 8_000, 'the run stopped on its own');
    assert.ok(seen.length >= 10, `requests arrived (${seen.length})`);
    assert.ok(seen.every((h) => h === 'Bearer demo-token-0123456789'), 'all authorised');
  } finally {
    server.close();
  }
});

test('stopped by its signal, the run leaves no timer behind to hold the process open', async () => {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const config = loadConfig({ TARGET: `http://127.0.0.1:${port}`, RATE: '20', API_TOKEN: 'demo-token-0123456789' });
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 500);
    await run(config, pino({ level: 'silent' }), stop.signal);
    // A referenced timer left over (e.g. a 5 s drain bound raced against requests that already
    // settled) keeps `npm start -w @chitti/loadgen` alive seconds after SIGTERM.
    const timers = process.getActiveResourcesInfo().filter((r) => r === 'Timeout');
    assert.deepEqual(timers, []);
  } finally {
    server.close();
  }
});

test('large responses are read to the end: the connection is kept, not reset', async () => {
  const large = Buffer.alloc(1024 * 1024, 0x20);
  let connections = 0, requests = 0, cut = 0;
  const server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': large.length });
      res.end(large);
    });
    res.on('close', () => !res.writableFinished && cut++);
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const config = loadConfig({ TARGET: `http://127.0.0.1:${port}`, RATE: '20', DURATION: '1', API_TOKEN: 'demo-token-0123456789' });
    await run(config, pino({ level: 'silent' }), new AbortController().signal);
    assert.ok(requests >= 10, `requests arrived (${requests})`);
    assert.equal(cut, 0, 'no response was cut short');
    assert.ok(connections < requests / 2, `${connections} connections for ${requests} requests: kept alive`);
  } finally {
    server.close();
  }
});
