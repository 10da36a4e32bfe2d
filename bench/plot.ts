// A small SVG line chart of p95 latency against dataset size, both axes logarithmic; no plotting library needed.
import type { MeasureReport } from './measure.ts';

interface Series {
  readonly label: string;
  readonly colour: string;
  readonly dashed: boolean;
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

const WIDTH = 720;
const HEIGHT = 420;
const MARGIN = { left: 70, right: 200, top: 40, bottom: 50 };

/** p95 latency of both engines, command and autocomplete, against the number of entries. */
export function renderLatencyPlot(reports: readonly MeasureReport[]): string {
  // The baseline does not run at every size (not at a million entries): its line stops where it stops.
  const baselineRan = reports.filter((r) => r.baseline.command.count > 0);
  const series: Series[] = [
    { label: 'plain fuse.js, command', colour: '#d62728', dashed: false, points: baselineRan.map((r) => ({ x: r.entries, y: r.baseline.command.p95 })) },
    { label: 'plain fuse.js, autocomplete', colour: '#ff9896', dashed: true, points: baselineRan.map((r) => ({ x: r.entries, y: r.baseline.autocomplete.p95 })) },
    { label: 'this bot, command', colour: '#1f77b4', dashed: false, points: reports.map((r) => ({ x: r.entries, y: r.ours.command.p95 })) },
    { label: 'this bot, autocomplete', colour: '#aec7e8', dashed: true, points: reports.map((r) => ({ x: r.entries, y: r.ours.autocomplete.p95 })) },
  ];
  const xs = reports.map((r) => r.entries);
  const ys = series.flatMap((s) => s.points.map((p) => Math.max(p.y, 0.01)));
  const xMin = Math.log10(Math.min(...xs) / 1.5);
  const xMax = Math.log10(Math.max(...xs) * 1.5);
  const yMin = Math.floor(Math.log10(Math.min(...ys)));
  const yMax = Math.ceil(Math.log10(Math.max(...ys)));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const px = (x: number): number => MARGIN.left + ((Math.log10(x) - xMin) / (xMax - xMin || 1)) * plotWidth;
  const py = (y: number): number => MARGIN.top + plotHeight - ((Math.log10(Math.max(y, 0.01)) - yMin) / (yMax - yMin || 1)) * plotHeight;

  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${String(WIDTH)}" height="${String(HEIGHT)}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="100%" height="100%" fill="white"/>`);
  parts.push(`<text x="${String(MARGIN.left)}" y="22" font-size="14" font-weight="bold">p95 latency per query against dataset size (log–log)</text>`);
  for (let exponent = yMin; exponent <= yMax; exponent++) {
    const value = 10 ** exponent;
    const y = py(value).toFixed(1);
    parts.push(`<line x1="${String(MARGIN.left)}" x2="${String(MARGIN.left + plotWidth)}" y1="${y}" y2="${y}" stroke="#eee"/>`);
    parts.push(`<text x="${String(MARGIN.left - 8)}" y="${y}" text-anchor="end" dominant-baseline="middle">${value >= 1 ? value.toLocaleString('en-US') : String(value)} ms</text>`);
  }
  for (const x of xs) {
    const at = px(x).toFixed(1);
    parts.push(`<line x1="${at}" x2="${at}" y1="${String(MARGIN.top)}" y2="${String(MARGIN.top + plotHeight)}" stroke="#eee"/>`);
    parts.push(`<text x="${at}" y="${String(MARGIN.top + plotHeight + 18)}" text-anchor="middle">${x.toLocaleString('en-US')}</text>`);
  }
  parts.push(`<text x="${String(MARGIN.left + plotWidth / 2)}" y="${String(HEIGHT - 10)}" text-anchor="middle">entries</text>`);
  parts.push(`<rect x="${String(MARGIN.left)}" y="${String(MARGIN.top)}" width="${String(plotWidth)}" height="${String(plotHeight)}" fill="none" stroke="#999"/>`);
  series.forEach((line, i) => {
    const path = line.points.map((p, j) => `${j === 0 ? 'M' : 'L'}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ');
    parts.push(`<path d="${path}" fill="none" stroke="${line.colour}" stroke-width="2.5"${line.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    for (const p of line.points) parts.push(`<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="3.5" fill="${line.colour}"/>`);
    const legendY = MARGIN.top + 20 + i * 22;
    const legendX = MARGIN.left + plotWidth + 15;
    parts.push(`<line x1="${String(legendX)}" x2="${String(legendX + 28)}" y1="${String(legendY)}" y2="${String(legendY)}" stroke="${line.colour}" stroke-width="2.5"${line.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    parts.push(`<text x="${String(legendX + 34)}" y="${String(legendY)}" dominant-baseline="middle">${line.label}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
