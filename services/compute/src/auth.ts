/**
 * Bearer-token authentication of the API. Tokens come from API_TOKENS (comma-separated) and/or
 * API_TOKENS_FILE (one `token [client-name]` per line, `#` comments); authentication is off only
 * when API_AUTH=disabled says so. Tokens are kept as SHA-256 digests and compared in constant time
 * against every configured one, so neither the match position nor the token length leaks.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface Credential {
  /** Name used in logs and as the rate-limit key; never the token. */
  client: string;
  digest: Buffer;
}

export type Auth = { mode: 'disabled' } | { mode: 'required'; credentials: Credential[] };

/** RFC 6750 b64token characters; at least 16 of them. */
const TOKEN = /^[A-Za-z0-9\-._~+/]{16,}=*$/;
const CLIENT = /^[\w.:-]{1,64}$/;

const digest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

export function credentialsFrom(tokens: readonly { token: string; client: string }[]): Auth {
  return { mode: 'required', credentials: tokens.map(({ token, client }) => ({ client, digest: digest(token) })) };
}

/** Reads API_AUTH, API_TOKENS and API_TOKENS_FILE; problems are appended to `errors`. */
export function loadCredentials(env: Readonly<Record<string, string | undefined>>, errors: string[]): Auth {
  const mode = (env.API_AUTH ?? 'required').trim().toLowerCase() || 'required';
  if (mode !== 'required' && mode !== 'disabled') {
    errors.push(`API_AUTH must be "required" or "disabled", got "${env.API_AUTH}"`);
    return { mode: 'disabled' };
  }
  const tokens: { token: string; client: string }[] = [];
  const add = (token: string, client: string, where: string) => {
    if (!TOKEN.test(token)) errors.push(`${where}: a token must be at least 16 characters of A-Z a-z 0-9 - . _ ~ + / (then optional =)`);
    else if (!CLIENT.test(client)) errors.push(`${where}: the client name must be 1-64 characters of A-Z a-z 0-9 _ . : -`);
    else tokens.push({ token, client });
  };
  (env.API_TOKENS ?? '').split(',').map((t) => t.trim()).filter(Boolean).forEach((t, i) => add(t, `env-${i + 1}`, `API_TOKENS entry ${i + 1}`));
  const file = env.API_TOKENS_FILE?.trim();
  if (file) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      errors.push(`API_TOKENS_FILE ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    text.split('\n').forEach((line, i) => {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) return;
      const [token = '', client = `file-${i + 1}`, ...rest] = trimmed.split(/\s+/);
      if (rest.length > 0) errors.push(`API_TOKENS_FILE line ${i + 1}: expected "token [client-name]"`);
      else add(token, client, `API_TOKENS_FILE line ${i + 1}`);
    });
  }
  if (mode === 'disabled') {
    if (tokens.length > 0) errors.push('API_AUTH=disabled contradicts the configured API_TOKENS/API_TOKENS_FILE; unset one of them');
    return { mode: 'disabled' };
  }
  if (tokens.length === 0 && !errors.some((e) => e.startsWith('API_TOKENS'))) {
    errors.push('API authentication is required but no token is configured: set API_TOKENS or API_TOKENS_FILE, or API_AUTH=disabled (local development only)');
  }
  return credentialsFrom(tokens);
}

export type AuthResult = { ok: true; client: string } | { ok: false; reason: 'missing' | 'malformed' | 'invalid' };

const BEARER = /^Bearer +([^\s]+) *$/i;

/** Checks an Authorization header against every credential without an early exit. */
export function authenticate(header: string | undefined, credentials: readonly Credential[]): AuthResult {
  if (header === undefined || header === '') return { ok: false, reason: 'missing' };
  const token = BEARER.exec(header)?.[1];
  if (token === undefined) return { ok: false, reason: 'malformed' };
  const given = digest(token);
  let client: string | undefined;
  for (const c of credentials) if (timingSafeEqual(given, c.digest) && client === undefined) client = c.client;
  return client === undefined ? { ok: false, reason: 'invalid' } : { ok: true, client };
}
