/** A WebSocket client for /v1/stream tests (undici's), and a raw one that speaks the framing by hand. */
import { connect as tcpConnect, type Socket } from 'node:net';
import { Agent, WebSocket } from 'undici';

export type Msg = Record<string, any>;

/** A client that answers each sent message with the next reply (the server replies in order). */
export class Client {
  readonly ws: WebSocket;
  private readonly inbox: Msg[] = [];
  private waiting: ((m: Msg) => void)[] = [];
  closed: Promise<{ code: number }>;

  constructor(ws: WebSocket) {
    this.ws = ws;
    ws.onmessage = (e) => {
      const m = JSON.parse(String(e.data)) as Msg;
      const w = this.waiting.shift();
      if (w) w(m);
      else this.inbox.push(m);
    };
    this.closed = new Promise((resolve) => ws.addEventListener('close', (e) => resolve({ code: e.code })));
  }

  next(timeoutMs = 5000): Promise<Msg> {
    const m = this.inbox.shift();
    if (m) return Promise.resolve(m);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.push((msg) => (clearTimeout(timer), resolve(msg)));
    });
  }

  send(msg: unknown): Promise<Msg> {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
    return this.next();
  }

  async close(): Promise<void> {
    this.ws.close(1000);
    await this.closed;
  }
}

export function connectWs(url: string, init: { headers?: Record<string, string>; dispatcher?: Agent } = {}): Promise<Client> {
  const ws = new WebSocket(url, init);
  const client = new Client(ws);
  return new Promise((resolve, reject) => {
    ws.addEventListener('open', () => resolve(client));
    ws.addEventListener('error', () => reject(new Error('WebSocket failed to open')));
  });
}

/** A client frame (masked with a zero key, so the payload goes as is). */
export function clientFrame(text: string, opcode = 0x1): Buffer {
  const payload = Buffer.from(text);
  const n = payload.length;
  const header =
    n < 126 ? Buffer.from([0x80 | opcode, 0x80 | n])
    : n < 65536 ? Buffer.from([0x80 | opcode, 0x80 | 126, n >> 8, n & 255])
    : Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(n)); return b; })()]);
  return Buffer.concat([header, Buffer.alloc(4), payload]);
}

/** A raw TCP connection upgraded to /v1/stream: nothing answers pings or reads unless the test does. */
export async function rawUpgrade(port: number, headers: Record<string, string> = {}): Promise<{ socket: Socket; head: string }> {
  const socket = tcpConnect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  socket.write(`GET /v1/stream HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${Buffer.alloc(16, 7).toString('base64')}\r\n${extra}\r\n`);
  const head = await new Promise<string>((resolve) => socket.once('data', (c: Buffer) => resolve(c.toString('latin1'))));
  return { socket, head };
}
