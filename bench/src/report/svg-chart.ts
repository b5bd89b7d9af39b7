/** One series of a grouped bar chart: a bar per category, with an optional min–max whisker. */
export interface BarSeries {
  readonly name: string;
  readonly color: string;
  /** Median per category; undefined leaves a gap (not measured). */
  readonly values: readonly (number | undefined)[];
  readonly min?: readonly (number | undefined)[];
  readonly max?: readonly (number | undefined)[];
}

/** A grouped bar chart. */
export interface BarChart {
  readonly title: string;
  readonly categories: readonly string[];
  readonly series: readonly BarSeries[];
  readonly yLabel: string;
  /** Logarithmic y axis (values must be positive). */
  readonly log?: boolean;
}

const width = 720;
const height = 380;
const margin = { top: 48, right: 20, bottom: 70, left: 80 };

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A short label for a value: 3 significant digits, k/M suffixes. */
export function formatValue(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${(value / 1e6).toPrecision(3)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toPrecision(3)}k`;
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 1) return value.toPrecision(3);
  return value.toPrecision(2);
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= value) return m * step;
  return 10 * step;
}

/** Renders `chart` as a self-contained SVG document (no fonts or scripts beyond the system sans-serif). */
export function barChartSvg(chart: BarChart): string {
  const all = chart.series.flatMap((s) => [...s.values, ...(s.max ?? [])]).filter((v): v is number => v !== undefined && Number.isFinite(v));
  const positive = all.filter((v) => v > 0);
  const log = chart.log === true && positive.length > 0;
  const lo = log ? 10 ** Math.floor(Math.log10(Math.min(...positive))) : 0;
  const hi = log ? 10 ** Math.ceil(Math.log10(Math.max(...positive) * 1.01)) : niceMax(Math.max(0, ...all) * 1.1);
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const y = (v: number): number => {
    const t = log ? (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : v / hi;
    return margin.top + plotH * (1 - t);
  };
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="${width / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${escape(chart.title)}</text>`);
  const ticks = log
    ? Array.from({ length: Math.round(Math.log10(hi / lo)) + 1 }, (_, i) => lo * 10 ** i)
    : Array.from({ length: 6 }, (_, i) => (hi * i) / 5);
  for (const tick of ticks) {
    const ty = y(tick);
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${ty.toFixed(1)}" y2="${ty.toFixed(1)}" stroke="#e0e0e0"/>`);
    parts.push(`<text x="${margin.left - 6}" y="${(ty + 4).toFixed(1)}" text-anchor="end">${escape(formatValue(tick))}</text>`);
  }
  parts.push(`<text transform="translate(18 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escape(chart.yLabel)}${log ? ' (log scale)' : ''}</text>`);
  const groupW = plotW / Math.max(1, chart.categories.length);
  const barW = Math.min(60, (groupW * 0.8) / Math.max(1, chart.series.length));
  chart.categories.forEach((category, c) => {
    const gx = margin.left + groupW * c + (groupW - barW * chart.series.length) / 2;
    chart.series.forEach((series, s) => {
      const value = series.values[c];
      const x = gx + barW * s;
      if (value === undefined || !Number.isFinite(value)) {
        parts.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${(margin.top + plotH - 4).toFixed(1)}" text-anchor="middle" fill="#888">n/a</text>`);
        return;
      }
      const top = y(value);
      parts.push(`<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${Math.max(0, margin.top + plotH - top).toFixed(1)}" fill="${series.color}"><title>${escape(`${series.name}, ${category}: ${formatValue(value)}`)}</title></rect>`);
      const min = series.min?.[c];
      const max = series.max?.[c];
      if (min !== undefined && max !== undefined && max > min) {
        const cx = (x + (barW - 2) / 2).toFixed(1);
        parts.push(`<line x1="${cx}" x2="${cx}" y1="${y(min).toFixed(1)}" y2="${y(max).toFixed(1)}" stroke="#333"/>`);
        for (const v of [min, max]) parts.push(`<line x1="${(x + barW / 2 - 6).toFixed(1)}" x2="${(x + barW / 2 + 4).toFixed(1)}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#333"/>`);
      }
      parts.push(`<text x="${(x + (barW - 2) / 2).toFixed(1)}" y="${(Math.min(top, y(max ?? value)) - 4).toFixed(1)}" text-anchor="middle" font-size="10">${escape(formatValue(value))}</text>`);
    });
    parts.push(`<text x="${(margin.left + groupW * c + groupW / 2).toFixed(1)}" y="${margin.top + plotH + 18}" text-anchor="middle">${escape(category)}</text>`);
  });
  parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${margin.top + plotH}" y2="${margin.top + plotH}" stroke="#333"/>`);
  chart.series.forEach((series, s) => {
    const lx = margin.left + s * 200;
    const ly = height - 22;
    parts.push(`<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${series.color}"/>`);
    parts.push(`<text x="${lx + 18}" y="${ly}">${escape(series.name)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
