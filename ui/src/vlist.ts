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
