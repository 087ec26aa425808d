// The runbooks (alerts/runbooks.md) as a page, so the alerts' runbook links open on an air-gapped
// network: headings get GitHub's anchors (the rules' runbook_url ends in them), links outside the
// bundle stay links, links to other files of the repository become plain text (they would not open).
import { Marked, type Tokens } from 'marked';
import { escapeHtml, page } from './page.ts';

/** GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces to hyphens. */
export function githubAnchor(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

/** The page for `markdown` (the runbooks file, trusted: it ships in the image). */
export function renderRunbooks(markdown: string): string {
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading({ tokens, depth, text }: Tokens.Heading) {
        const id = githubAnchor(text.replace(/`/g, ''));
        return `<h${depth} id="${id}"><a class="anchor" href="#${id}">#</a> ${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
      link({ href, tokens }: Tokens.Link) {
        const inner = this.parser.parseInline(tokens);
        if (/^(https?:|mailto:|#)/.test(href)) return `<a href="${escapeHtml(href)}">${inner}</a>`;
        return `<span class="repo-file" title="in the repository: ${escapeHtml(href)}">${inner}</span>`;
      },
    },
  });
  const title = /^#\s+(.+)$/m.exec(markdown)?.[1] ?? 'Runbooks';
  return page(title, marked.parse(markdown, { async: false }));
}
