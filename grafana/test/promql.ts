// Test helpers: parse panel queries with Prometheus' own Lezer grammar and walk the tree.
import { parser } from '@prometheus-io/lezer-promql';

type Tree = ReturnType<typeof parser.parse>;
type Node = Tree['topNode'];

export type Parsed = { expr: string; tree: Tree; errors: string[] };

export function parse(expr: string): Parsed {
  const tree = parser.parse(expr);
  const errors: string[] = [];
  tree.iterate({
    enter: (ref) => {
      if (ref.type.isError) errors.push(`syntax error at ${ref.from}: …${expr.slice(Math.max(0, ref.from - 20), ref.from + 20)}…`);
      // The grammar tolerates an unterminated string (for editor highlighting); PromQL does not.
      if (ref.name === 'StringLiteral') {
        const text = expr.slice(ref.from, ref.to);
        if (text.length < 2 || text[text.length - 1] !== text[0]) errors.push(`unterminated string at ${ref.from}: ${text}`);
      }
    },
  });
  return { expr, tree, errors };
}

function nodes(p: Parsed, name: string): Node[] {
  const out: Node[] = [];
  p.tree.iterate({ enter: (ref) => { if (ref.name === name) out.push(ref.node); } });
  return out;
}

const text = (p: Parsed, n: Node) => p.expr.slice(n.from, n.to);

/** Range window of every rate(), irate() and increase() call; null when the argument is not a range selector. */
export function rateWindows(p: Parsed): { fn: string; window: string | null }[] {
  const out: { fn: string; window: string | null }[] = [];
  for (const call of nodes(p, 'FunctionCall')) {
    const fn = call.getChild('FunctionIdentifier')?.firstChild?.name ?? '';
    if (!['Rate', 'Irate', 'Increase'].includes(fn)) continue;
    const matrix = call.getChild('FunctionCallBody')?.getChild('MatrixSelector');
    const duration = matrix?.getChild('DurationExpr');
    out.push({ fn, window: duration ? text(p, duration) : null });
  }
  return out;
}

/** Source text of every vector selector (`metric{matchers}`). */
export function vectorSelectors(p: Parsed): string[] {
  return nodes(p, 'VectorSelector').map((n) => text(p, n));
}

/** Names of every function called. */
export function functions(p: Parsed): string[] {
  return nodes(p, 'FunctionCall').map((n) => text(p, n.getChild('FunctionIdentifier') ?? n).toLowerCase());
}
