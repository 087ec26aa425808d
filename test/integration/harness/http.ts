// Small HTTP helpers with timeouts, and a bounded retry loop.
import { setTimeout as sleep } from 'node:timers/promises';

export async function getJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export async function getText(url: string, headers: Record<string, string> = {}): Promise<{ text: string; contentType: string }> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return { text, contentType: res.headers.get('content-type') ?? '' };
}

/** Retries `fn` every `everyMs` until it returns without throwing; after `seconds`, rethrows its last error. */
export async function eventually<T>(seconds: number, fn: () => Promise<T>, everyMs = 1000): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`not within ${seconds} s: ${(error as Error).message}`);
      await sleep(everyMs);
    }
  }
}
