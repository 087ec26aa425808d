import { Resvg } from '@resvg/resvg-js';

/** Renders an SVG to PNG with resvg (a registry package shipping binaries), using the system fonts. */
export function svgToPng(svg: string): Buffer {
  return new Resvg(svg, { background: 'white', font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, fitTo: { mode: 'width', value: 1520 } }).render().asPng();
}
