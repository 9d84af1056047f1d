// Virtual list arithmetic. Only the rows in view are in the DOM; the scroll area is a spacer
// as tall as all rows. Browsers cap an element's height (WebKit at a few tens of millions of
// pixels), and a million 56-pixel rows would pass that, so past MAX_SCROLL_PX the scroll
// position is mapped proportionally onto the rows instead of one pixel per pixel.

export const MAX_SCROLL_PX = 8_000_000;

export interface Window {
  /** Height of the scroll spacer, in pixels. */
  scrollHeight: number;
  /** Index of the first row to draw. */
  first: number;
  /** How many rows to draw from `first`. */
  count: number;
  /** Where row `first` goes, in the spacer's coordinates. */
  top: number;
}

export function computeWindow(scrollTop: number, viewport: number, rowHeight: number, total: number, overscan = 4): Window {
  const realHeight = total * rowHeight;
  const scrollHeight = Math.min(realHeight, MAX_SCROLL_PX);
  if (total === 0) return { scrollHeight: 0, first: 0, count: 0, top: 0 };
  const maxScroll = Math.max(0, scrollHeight - viewport);
  const realMax = Math.max(0, realHeight - viewport);
  const clamped = Math.max(0, Math.min(scrollTop, maxScroll));
  const realTop = maxScroll > 0 ? (clamped * realMax) / maxScroll : 0;
  let first = Math.floor(realTop / rowHeight);
  let top = clamped - (realTop - first * rowHeight);
  const back = Math.min(overscan, first);
  first -= back;
  top -= back * rowHeight;
  const count = Math.min(total - first, Math.ceil(viewport / rowHeight) + 1 + back + overscan);
  return { scrollHeight, first, count, top };
}

/** The scroll position that brings row `index` into view, given where the view is now. */
export function scrollTopFor(index: number, scrollTop: number, viewport: number, rowHeight: number, total: number): number {
  const realHeight = total * rowHeight;
  const scrollHeight = Math.min(realHeight, MAX_SCROLL_PX);
  const maxScroll = Math.max(0, scrollHeight - viewport);
  const realMax = Math.max(0, realHeight - viewport);
  const scale = realMax > 0 ? maxScroll / realMax : 1;
  const realTop = maxScroll > 0 ? (scrollTop * realMax) / maxScroll : 0;
  const rowTop = index * rowHeight;
  let target = realTop;
  if (rowTop < realTop) target = rowTop;
  else if (rowTop + rowHeight > realTop + viewport) target = rowTop + rowHeight - viewport;
  return Math.max(0, Math.min(maxScroll, target * scale));
}

/** The pages (of `pageSize` rows) that rows `first … first + count - 1` fall in. */
export function pagesFor(first: number, count: number, pageSize: number): number[] {
  if (count <= 0) return [];
  const from = Math.floor(first / pageSize);
  const to = Math.floor((first + count - 1) / pageSize);
  const pages: number[] = [];
  for (let p = from; p <= to; p++) pages.push(p);
  return pages;
}

/** A row's place in the list order (newest first, then highest id): where keyset paging resumes. */
export interface Anchor {
  time: number;
  id: number;
}

/** How to ask for one page: by offset only when there is no neighbour to resume from. */
export type PageAt =
  | { kind: "offset"; offset: number }
  /** The rows that follow `anchor` in the list. */
  | { kind: "after"; anchor: Anchor }
  /** The rows that precede `anchor` in the list. */
  | { kind: "before"; anchor: Anchor }
  /** Skip `offset` rows counted from the far end of the list. */
  | { kind: "fromEnd"; offset: number };

/**
 * Plans the request for page `page` of a list of `total` rows. A cached neighbour gives a keyset
 * anchor (the last row of the page before, or the first row of the page after), which an index
 * answers in the same time anywhere in a million rows; a jump lands by offset, counted from
 * whichever end is nearer, so the last page costs what the first does.
 */
export function planPage(page: number, pageSize: number, total: number, prevLast?: Anchor, nextFirst?: Anchor): { at: PageAt; limit: number } {
  const offset = page * pageSize;
  const limit = Math.max(1, Math.min(pageSize, total - offset));
  if (prevLast) return { at: { kind: "after", anchor: prevLast }, limit };
  if (nextFirst) return { at: { kind: "before", anchor: nextFirst }, limit };
  if (offset > total / 2) return { at: { kind: "fromEnd", offset: Math.max(0, total - offset - limit) }, limit };
  return { at: { kind: "offset", offset }, limit };
}

/** The cached pages to drop to keep at most `max`: those farthest from the page in view. */
export function pagesToDrop(cached: number[], current: number, max: number): number[] {
  if (cached.length <= max) return [];
  return [...cached].sort((a, b) => Math.abs(b - current) - Math.abs(a - current)).slice(0, cached.length - max);
}
