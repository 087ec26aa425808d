// The pages an SRE opens on the demo stack, as the `up` banner of deploy/compose.sh lists them, and
// a check that one of them is a working page: answered 200, not one of Debian's "no web UI"
// placeholders, and, where the offline Prometheus image serves its redirect page (no React UI), the
// classic UI page it leads to answers too. Used by deploy/smoke.ts and the integration suite.
import { noUiRedirect } from './test/no-ui-redirect.ts';

export interface BannerUrl {
  label: string;
  url: string;
}

/** The URLs of the banner (`  Label   http://127.0.0.1:port/path   comment`), every one on a line. */
export function bannerUrls(text: string): BannerUrl[] {
  const urls: BannerUrl[] = [];
  for (const line of text.split('\n')) {
    const label = /^ {2}(\S+)\s+http:\/\//.exec(line)?.[1];
    if (!label) continue;
    for (const m of line.matchAll(/http:\/\/127\.0\.0\.1:\d+[^\s,;)]*/g)) urls.push({ label, url: m[0] });
  }
  return urls;
}

/** Debian's own placeholders where its packages lack a web UI: landing there is the bug. */
const PLACEHOLDERS = /does not include the modern React web UI|does not include a web\s+application/;

export interface OpenOptions {
  /** Grafana's admin password (port 3000 asks for a login). */
  grafanaPassword?: string;
  /** The API's bearer token (port 8080 wants one). */
  apiToken?: string;
  /** Rewrites a URL before it is fetched: the integration suite maps 127.0.0.1:9090 to a container's port. */
  rewrite?: (url: string) => string;
}

async function fetchOk(url: string, headers: Record<string, string>): Promise<string> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 200)}`);
  if (PLACEHOLDERS.test(body)) throw new Error(`${url} is Debian's "no web UI" placeholder`);
  return body;
}

/** Opens `url` as a browser would (following the offline Prometheus's redirect page); says what it found. */
export async function openPage(url: string, options: OpenOptions = {}): Promise<string> {
  const target = options.rewrite ? options.rewrite(url) : url;
  const port = new URL(url).port;
  const headers: Record<string, string> = {};
  if (port === '3000' && options.grafanaPassword) headers.authorization = `Basic ${Buffer.from(`admin:${options.grafanaPassword}`).toString('base64')}`;
  if (port === '8080' && options.apiToken) headers.authorization = `Bearer ${options.apiToken}`;
  const body = await fetchOk(target, headers);
  const next = noUiRedirect(body, target);
  if (next) {
    const page = await fetchOk(next, headers);
    if (!/<title>Prometheus/.test(page)) throw new Error(`${next} (from ${url}) is not a Prometheus page`);
    return `200 via ${new URL(next).pathname}`;
  }
  return '200';
}
