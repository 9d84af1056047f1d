// Evidence highlighting. The tagger's spans are offsets in Unicode code points into
// `title + "\n\n" + content_text`; JavaScript strings count UTF-16 units, so the text is
// split into code points first, or every span after an emoji or a rare letter would drift.

export type Mark = "gov" | "ngo" | "country";

export interface Annotation {
  start: number;
  end: number;
  mark: Mark;
  /** Shown on hover: why this country was tagged. */
  label?: string;
}

export interface Segment {
  text: string;
  marks: Mark[];
  labels: string[];
}

/** The text the tagger read, exactly as the core builds it. */
export function taggedText(title: string, contentText: string): string {
  return `${title}\n\n${contentText}`;
}

/**
 * Cuts `text` into runs over which the same annotations hold. Overlaps are fine (a country
 * inside a government sentence gets both marks); spans out of range are clamped; empty or
 * inverted spans are ignored.
 */
export function segment(text: string, annotations: Annotation[]): Segment[] {
  const chars = Array.from(text);
  const n = chars.length;
  const spans = annotations
    .map((a) => ({ ...a, start: Math.max(0, Math.min(n, a.start)), end: Math.max(0, Math.min(n, a.end)) }))
    .filter((a) => a.end > a.start);
  const cuts = new Set<number>([0, n]);
  for (const a of spans) {
    cuts.add(a.start);
    cuts.add(a.end);
  }
  const points = [...cuts].sort((x, y) => x - y);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i];
    const to = points[i + 1];
    const active = spans.filter((a) => a.start < to && a.end > from);
    const marks = [...new Set(active.map((a) => a.mark))].sort();
    const labels = active.flatMap((a) => (a.label ? [a.label] : []));
    const text = chars.slice(from, to).join("");
    const last = out[out.length - 1];
    if (last && sameMarks(last, marks, labels)) {
      last.text += text;
    } else {
      out.push({ text, marks, labels });
    }
  }
  return out;
}

function sameMarks(seg: Segment, marks: Mark[], labels: string[]): boolean {
  return seg.marks.join() === marks.join() && seg.labels.join("\u0000") === labels.join("\u0000");
}

/**
 * Renders segments into `into` as text nodes and `<mark>` elements. Only `textContent` and
 * `title` are set, never HTML, so feed text cannot become markup here.
 */
export function renderSegments(into: HTMLElement, segments: Segment[]): void {
  into.replaceChildren();
  for (const seg of segments) {
    if (seg.marks.length === 0) {
      into.append(document.createTextNode(seg.text));
      continue;
    }
    const el = document.createElement("mark");
    el.className = seg.marks.map((m) => `ev-${m}`).join(" ");
    el.textContent = seg.text;
    if (seg.labels.length) el.title = seg.labels.join("\n");
    into.append(el);
  }
}

/** Splits a search snippet on its match markers (U+0002 … U+0003) into plain and matched runs. */
export function snippetRuns(snippet: string): { text: string; match: boolean }[] {
  const runs: { text: string; match: boolean }[] = [];
  let match = false;
  let current = "";
  for (const c of snippet) {
    if (c === "\u0002" || c === "\u0003") {
      if (current) runs.push({ text: current, match });
      current = "";
      match = c === "\u0002";
    } else {
      current += c;
    }
  }
  if (current) runs.push({ text: current, match });
  return runs;
}
