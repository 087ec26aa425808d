// The HTML frame of the alert sink's pages, and escaping.
export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{font-family:system-ui,sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;color:#222;line-height:1.45}
nav a{margin-right:1rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}
.sev{color:#fff;border-radius:3px;padding:0 .4rem}.firing{color:#c0392b}.resolved{color:#1e8449}code{font-size:.85em;background:#f4f4f4;padding:0 .2rem}
pre{background:#f4f4f4;padding:.6rem;overflow-x:auto}a.anchor{color:#bbb;text-decoration:none}.repo-file{border-bottom:1px dotted #888}`;

/** A page with the sink's navigation; `body` is HTML. `refreshSeconds` reloads it (the alert list). */
export function page(title: string, body: string, refreshSeconds?: number): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">${refreshSeconds ? `<meta http-equiv="refresh" content="${refreshSeconds}">` : ''}
<title>${escapeHtml(title)}</title>
<style>
${STYLE}
</style></head><body>
<nav><a href="/alerts">Notifications</a><a href="/runbooks">Runbooks</a><a href="/dashboards">Dashboards</a></nav>
${body}
</body></html>
`;
}
