import { readFileSync } from 'node:fs';
import type { Fault, MixConfig } from './mix.ts';

export interface LoadgenConfig extends MixConfig {
  target: string;
  /** Requests started per second. */
  rate: number;
  /** At most this many requests in flight; a tick finding them all busy is skipped and counted. */
  concurrency: number;
  /** Seconds to run; 0 runs until SIGTERM/SIGINT. */
  durationSeconds: number;
  seed: number;
  /** Seconds between summary log lines. */
  reportSeconds: number;
  /** Bearer token for the API (API_TOKEN, or the first line of API_TOKEN_FILE); none when unset. */
  apiToken: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

function num(env: Env, name: string, fallback: number, min: number, max: number, errors: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || v > max) {
    errors.push(`${name} must be a number from ${min} to ${max}, got "${raw}"`);
    return fallback;
  }
  return v;
}

function readToken(env: Env, errors: string[]): string | undefined {
  const inline = env.API_TOKEN?.trim();
  if (inline) return inline;
  const file = env.API_TOKEN_FILE?.trim();
  if (!file) return undefined;
  try {
    // The service's token files hold `token [client-name]` per line: send the token only.
    const token = readFileSync(file, 'utf8').split('\n')[0]!.trim().split(/\s+/)[0] ?? '';
    if (!token) errors.push(`API_TOKEN_FILE ${file} is empty`);
    return token || undefined;
  } catch (err) {
    errors.push(`API_TOKEN_FILE ${file} cannot be read: ${(err as Error).message}`);
    return undefined;
  }
}

/** Reads the configuration from the environment; every problem is reported at once. */
export function loadConfig(env: Env): LoadgenConfig {
  const errors: string[] = [];
  const target = (env.TARGET ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
  try {
    const u = new URL(target);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') errors.push(`TARGET must be an http(s) URL, got "${target}"`);
  } catch {
    errors.push(`TARGET must be an http(s) URL, got "${target}"`);
  }
  const fault = (env.FAULT ?? 'none').trim() || 'none';
  if (fault !== 'none' && fault !== 'errors' && fault !== 'slow') errors.push(`FAULT must be none, errors or slow, got "${fault}"`);
  const config: LoadgenConfig = {
    target,
    rate: num(env, 'RATE', 10, 0.1, 10_000, errors),
    concurrency: Math.floor(num(env, 'CONCURRENCY', 16, 1, 1_000, errors)),
    durationSeconds: num(env, 'DURATION', 0, 0, 31 * 24 * 3600, errors),
    seed: Math.floor(num(env, 'SEED', 42, 0, 2 ** 32 - 1, errors)),
    reportSeconds: num(env, 'REPORT_EVERY', 10, 1, 3600, errors),
    invalidShare: num(env, 'INVALID_SHARE', 0.03, 0, 1, errors),
    fault: fault as Fault,
    faultShare: num(env, 'FAULT_SHARE', fault === 'slow' ? 0.05 : 0.2, 0, 1, errors),
    apiToken: readToken(env, errors),
  };
  if (errors.length) throw new Error(`invalid configuration:\n${errors.join('\n')}`);
  return config;
}
