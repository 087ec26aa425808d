// Runs the script of deploy/offline/prometheus/no-ui.html (what Debian's Prometheus serves where the
// React UI would be) as a browser would for `url`, and returns where it sends the browser; null when
// the page has no such script (the upstream image's React UI, or Debian's own placeholder).
import { runInNewContext } from 'node:vm';

export function noUiRedirect(html: string, url: string): string | null {
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (!script || !script.includes('location.replace')) return null;
  const u = new URL(url);
  let target: string | null = null;
  const location = {
    pathname: u.pathname,
    search: u.search,
    hash: u.hash,
    replace: (to: string) => (target = new URL(to, u).href),
  };
  runInNewContext(script, { location }, { timeout: 1000 });
  return target;
}
