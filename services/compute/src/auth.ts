/**
 * Bearer-token authentication and authorisation of the API. Tokens come from API_TOKENS
 * (comma-separated; every scope) and/or API_TOKENS_FILE (one `token [client-name [scopes]]` per line,
 * `#` comments); authentication is off only when API_AUTH=disabled says so. A token's scopes say
 * which routes it may call (403 otherwise). Tokens are kept as SHA-256 digests and compared in constant time
 * against every configured one, so neither the match position nor the token length leaks.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** What a token may call: read the registry and OpenAPI, compute one indicator, batches, streams. */
export const SCOPES = ['read', 'compute', 'batch', 'stream'] as const;
export type Scope = (typeof SCOPES)[number];
const ALL_SCOPES: ReadonlySet<Scope> = new Set(SCOPES);

/** The scope a route needs (undefined: any authenticated client, e.g. an unknown route's 404). */
export function scopeFor(method: string, route: string | undefined): Scope | undefined {
  if (route === undefined) return undefined;
  if (method === 'POST' && route === '/v1/indicators/:id') return 'compute';
  if (method === 'POST' && route === '/v1/batch') return 'batch';
  if (method === 'POST' && route === '/v1/patterns') return 'compute';
  if (route === '/v1/stream') return 'stream';
  if (method === 'GET' || method === 'HEAD') return 'read';
  return undefined;
}

export interface Credential {
  /** Name used in logs and as the rate-limit key; never the token. */
  client: string;
  digest: Buffer;
  scopes: ReadonlySet<Scope>;
}

export type Auth = { mode: 'disabled' } | { mode: 'required'; credentials: Credential[] };

/** RFC 6750 b64token characters; at least 16 of them. */
const TOKEN = /^[A-Za-z0-9\-._~+/]{16,}=*$/;
const CLIENT = /^[\w.:-]{1,64}$/;

const digest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

export function credentialsFrom(tokens: readonly { token: string; client: string; scopes?: ReadonlySet<Scope> }[]): Auth {
  return { mode: 'required', credentials: tokens.map(({ token, client, scopes }) => ({ client, digest: digest(token), scopes: scopes ?? ALL_SCOPES })) };
}

/** `*` or a comma-separated list of SCOPES. */
function parseScopes(text: string, where: string, errors: string[]): ReadonlySet<Scope> | undefined {
  if (text === '*') return ALL_SCOPES;
  const names = text.split(',');
  const unknown = names.filter((n) => !(SCOPES as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    errors.push(`${where}: unknown scope${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; scopes are * or a comma-separated list of ${SCOPES.join(', ')}`);
    return undefined;
  }
  return new Set(names as Scope[]);
}

/** Reads API_AUTH, API_TOKENS and API_TOKENS_FILE; problems are appended to `errors`. */
export function loadCredentials(env: Readonly<Record<string, string | undefined>>, errors: string[]): Auth {
  const mode = (env.API_AUTH ?? 'required').trim().toLowerCase() || 'required';
  if (mode !== 'required' && mode !== 'disabled') {
    errors.push(`API_AUTH must be "required" or "disabled", got "${env.API_AUTH}"`);
    return { mode: 'disabled' };
  }
  const tokens: { token: string; client: string; scopes: ReadonlySet<Scope> }[] = [];
  const add = (token: string, client: string, where: string, scopes: ReadonlySet<Scope> | undefined = ALL_SCOPES) => {
    if (!TOKEN.test(token)) errors.push(`${where}: a token must be at least 16 characters of A-Z a-z 0-9 - . _ ~ + / (then optional =)`);
    else if (!CLIENT.test(client)) errors.push(`${where}: the client name must be 1-64 characters of A-Z a-z 0-9 _ . : -`);
    else if (scopes !== undefined) tokens.push({ token, client, scopes });
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
      const where = `API_TOKENS_FILE line ${i + 1}`;
      const [token = '', client = `file-${i + 1}`, scopes = '*', ...rest] = trimmed.split(/\s+/);
      if (rest.length > 0) errors.push(`${where}: expected "token [client-name [scopes]]"`);
      else add(token, client, where, parseScopes(scopes, where, errors));
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

export type AuthResult = { ok: true; client: string; scopes: ReadonlySet<Scope> } | { ok: false; reason: 'missing' | 'malformed' | 'invalid' };

const BEARER = /^Bearer +([^\s]+) *$/i;

/** Checks an Authorization header against every credential without an early exit. */
export function authenticate(header: string | undefined, credentials: readonly Credential[]): AuthResult {
  if (header === undefined || header === '') return { ok: false, reason: 'missing' };
  const token = BEARER.exec(header)?.[1];
  if (token === undefined) return { ok: false, reason: 'malformed' };
  const given = digest(token);
  let match: Credential | undefined;
  for (const c of credentials) if (timingSafeEqual(given, c.digest) && match === undefined) match = c;
  return match === undefined ? { ok: false, reason: 'invalid' } : { ok: true, client: match.client, scopes: match.scopes };
}
