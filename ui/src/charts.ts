// Hand-made SVG charts for the dashboard: stacked bars of a country's items per month by
// voice, and lines comparing countries' monthly totals. Every label is a text node.

import type { MonthCount } from "./api";
import { svg } from "./dom";

export const VOICE_COLORS = { government: "var(--gov)", ngoConcern: "var(--ngo)", both: "var(--both)", neither: "var(--neither)" } as const;
const SERIES = ["government", "ngoConcern", "both", "neither"] as const;

export function stackedBars(months: MonthCount[], width = 640, height = 220): SVGElement {
  const pad = { l: 36, r: 8, t: 8, b: 28 };
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img" });
  if (months.length === 0) return root;
  const totals = months.map((m) => m.government + m.ngoConcern + m.both + m.neither);
  const max = Math.max(1, ...totals);
  const bw = (width - pad.l - pad.r) / months.length;
  const y = (v: number) => pad.t + (height - pad.t - pad.b) * (1 - v / max);
  root.append(svg("text", { x: 2, y: pad.t + 10, class: "axis" }, document.createTextNode(String(max))));
  months.forEach((m, i) => {
    let acc = 0;
    for (const s of SERIES) {
      const v = m[s];
      if (!v) continue;
      const top = y(acc + v);
      const bottom = y(acc);
      const rect = svg("rect", { x: pad.l + i * bw + 1, y: top, width: Math.max(1, bw - 2), height: Math.max(0, bottom - top), fill: VOICE_COLORS[s] });
      rect.append(svg("title", {}, document.createTextNode(`${m.month} ${s}: ${v}`)));
      root.append(rect);
      acc += v;
    }
    if (months.length <= 24 || i % Math.ceil(months.length / 12) === 0) {
      root.append(svg("text", { x: pad.l + i * bw + bw / 2, y: height - 8, class: "axis", "text-anchor": "middle" }, document.createTextNode(m.month.slice(2))));
    }
  });
  return root;
}

const LINE_COLORS = ["#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b83280", "#4a5568"];

export function compareLines(series: Map<string, MonthCount[]>, names: Map<string, string>, width = 640, height = 220): SVGElement {
  const pad = { l: 36, r: 110, t: 8, b: 28 };
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img" });
  const months = [...new Set([...series.values()].flat().map((m) => m.month))].sort();
  if (months.length === 0) return root;
  const total = (m: MonthCount) => m.government + m.ngoConcern + m.both + m.neither;
  const max = Math.max(1, ...[...series.values()].flat().map(total));
  const x = (i: number) => pad.l + (months.length === 1 ? 0 : (i * (width - pad.l - pad.r)) / (months.length - 1));
  const y = (v: number) => pad.t + (height - pad.t - pad.b) * (1 - v / max);
  root.append(svg("text", { x: 2, y: pad.t + 10, class: "axis" }, document.createTextNode(String(max))));
  let k = 0;
  for (const [code, ms] of series) {
    const color = LINE_COLORS[k % LINE_COLORS.length];
    const byMonth = new Map(ms.map((m) => [m.month, total(m)]));
    const points = months.map((m, i) => `${x(i)},${y(byMonth.get(m) ?? 0)}`).join(" ");
    root.append(svg("polyline", { points, fill: "none", stroke: color, "stroke-width": 2 }));
    root.append(svg("text", { x: width - pad.r + 6, y: pad.t + 14 + k * 16, fill: color, class: "legend" }, document.createTextNode(names.get(code) ?? code)));
    k++;
  }
  months.forEach((m, i) => {
    if (months.length <= 12 || i % Math.ceil(months.length / 12) === 0) {
      root.append(svg("text", { x: x(i), y: height - 8, class: "axis", "text-anchor": "middle" }, document.createTextNode(m.slice(2))));
    }
  });
  return root;
}
