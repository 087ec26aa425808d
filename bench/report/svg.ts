// Small SVG charts: a line chart on log or linear axes, and a horizontal grouped bar chart.
// Pure functions returning SVG text; text in DejaVu Sans / sans-serif so resvg renders it with system fonts.

export interface Series {
  name: string;
  points: { x: number; y: number }[];
  /** Dashed line, e.g. for a floor or a reference. */
  dashed?: boolean;
}

export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  logX?: boolean;
  logY?: boolean;
  series: Series[];
}

export interface BarGroup {
  label: string;
  bars: { name: string; value: number; note?: string }[];
}

export interface BarChart {
  title: string;
  xLabel: string;
  logX?: boolean;
  groups: BarGroup[];
  /** A vertical reference line (e.g. 1x). */
  reference?: number;
}

export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#637939'];
const FONT = "font-family=\"DejaVu Sans, Arial, sans-serif\"";

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Tick values: powers of ten on a log axis, about 5 round values on a linear one. */
export function ticks(min: number, max: number, log: boolean): number[] {
  if (log) {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) out.push(10 ** e);
    return out;
  }
  const step0 = (max - min) / 5 || 1;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= step0)!;
  const out: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= max + step / 2; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

export function formatTick(v: number): string {
  if (v >= 1e6) return `${v / 1e6}M`;
  if (v >= 1e3) return `${v / 1e3}k`;
  return String(Number(v.toPrecision(3)));
}

function scale(min: number, max: number, from: number, to: number, log: boolean): (v: number) => number {
  const f = log ? Math.log10 : (v: number) => v;
  const a = f(min);
  const b = f(max);
  return (v) => from + ((f(v) - a) / (b - a || 1)) * (to - from);
}

export function lineChart(c: LineChart): string {
  const W = 760;
  const H = 460;
  const legendW = 210;
  const m = { l: 70, r: legendW + 20, t: 40, b: 55 };
  const pts = c.series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.y) && (!c.logY || p.y > 0));
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const xt = ticks(Math.min(...xs), Math.max(...xs), c.logX ?? false);
  const yt = ticks(Math.min(...ys), Math.max(...ys), c.logY ?? false);
  const [x0, x1] = c.logX ? [Math.min(...xs), Math.max(...xs)] : [xt[0]!, xt.at(-1)!];
  const [y0, y1] = [yt[0]!, yt.at(-1)!];
  const sx = scale(x0, x1, m.l, W - m.r, c.logX ?? false);
  const sy = scale(y0, y1, H - m.b, m.t, c.logY ?? false);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" ${FONT} font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${W / 2 - legendW / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${esc(c.title)}</text>`);
  for (const v of yt) {
    const y = sy(v);
    out.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#e0e0e0"/>`);
    out.push(`<text x="${m.l - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end">${formatTick(v)}</text>`);
  }
  for (const v of xt.filter((v) => v >= x0 && v <= x1)) {
    const x = sx(v);
    out.push(`<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${m.t}" y2="${H - m.b}" stroke="#e0e0e0"/>`);
    out.push(`<text x="${x.toFixed(1)}" y="${H - m.b + 16}" text-anchor="middle">${formatTick(v)}</text>`);
  }
  out.push(`<rect x="${m.l}" y="${m.t}" width="${W - m.l - m.r}" height="${H - m.t - m.b}" fill="none" stroke="#444"/>`);
  out.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 14}" text-anchor="middle">${esc(c.xLabel)}</text>`);
  out.push(`<text transform="translate(18 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle">${esc(c.yLabel)}</text>`);
  c.series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    const ps = s.points.filter((p) => Number.isFinite(p.y) && (!c.logY || p.y > 0));
    const d = ps.map((p, k) => `${k ? 'L' : 'M'}${sx(p.x).toFixed(1)} ${sy(p.y).toFixed(1)}`).join(' ');
    out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    for (const p of ps) out.push(`<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="3" fill="${color}"/>`);
    const ly = m.t + 10 + i * 18;
    out.push(`<line x1="${W - legendW}" x2="${W - legendW + 22}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    out.push(`<text x="${W - legendW + 28}" y="${ly + 4}">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}

export function barChart(c: BarChart): string {
  const W = 760;
  const barH = 14;
  const gap = 10;
  const m = { l: 110, r: 150, t: 40, b: 50 };
  const rows = c.groups.reduce((a, g) => a + g.bars.length, 0);
  const H = m.t + m.b + rows * barH + c.groups.length * gap;
  const values = c.groups.flatMap((g) => g.bars.map((b) => b.value)).filter((v) => Number.isFinite(v) && (!c.logX || v > 0));
  const lo = c.logX ? Math.min(...values, c.reference ?? Infinity) : 0;
  const xt = ticks(lo, Math.max(...values, c.reference ?? 0), c.logX ?? false);
  const [x0, x1] = [c.logX ? xt[0]! : 0, xt.at(-1)!];
  const sx = scale(x0, x1, m.l, W - m.r, c.logX ?? false);
  const names = [...new Set(c.groups.flatMap((g) => g.bars.map((b) => b.name)))];
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" ${FONT} font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${esc(c.title)}</text>`);
  for (const v of xt) {
    const x = sx(v);
    out.push(`<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${m.t}" y2="${H - m.b}" stroke="#e0e0e0"/>`);
    out.push(`<text x="${x.toFixed(1)}" y="${H - m.b + 16}" text-anchor="middle">${formatTick(v)}</text>`);
  }
  let y = m.t;
  for (const g of c.groups) {
    out.push(`<text x="${m.l - 8}" y="${(y + (g.bars.length * barH) / 2 + 4).toFixed(1)}" text-anchor="end" font-weight="bold">${esc(g.label)}</text>`);
    for (const b of g.bars) {
      const color = PALETTE[names.indexOf(b.name) % PALETTE.length]!;
      const w = Number.isFinite(b.value) && b.value > 0 ? Math.max(1, sx(Math.max(b.value, x0)) - m.l) : 0;
      out.push(`<rect x="${m.l}" y="${y + 1}" width="${w.toFixed(1)}" height="${barH - 2}" fill="${color}"/>`);
      out.push(`<text x="${(m.l + w + 4).toFixed(1)}" y="${y + barH - 3}" font-size="10">${esc(`${b.name} ${formatValue(b.value)}${b.note ? ` ${b.note}` : ''}`)}</text>`);
      y += barH;
    }
    y += gap;
  }
  if (c.reference !== undefined) {
    const x = sx(c.reference);
    out.push(`<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${m.t}" y2="${H - m.b}" stroke="#000" stroke-dasharray="4 3"/>`);
  }
  out.push(`<line x1="${m.l}" x2="${m.l}" y1="${m.t}" y2="${H - m.b}" stroke="#444"/>`);
  out.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 14}" text-anchor="middle">${esc(c.xLabel)}</text>`);
  out.push('</svg>');
  return out.join('\n');
}

export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  return v.toPrecision(2);
}
