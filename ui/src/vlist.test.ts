import { computeWindow, MAX_SCROLL_PX, pagesFor, pagesToDrop, planPage, scrollTopFor } from "./vlist";

describe("virtual list", () => {
  it("draws only the rows in view, with overscan", () => {
    const w = computeWindow(6400, 640, 64, 1000, 2);
    expect(w.first).toBe(98);
    expect(w.top).toBe(98 * 64);
    expect(w.count).toBe(10 + 1 + 2 + 2);
  });

  it("caps the spacer for a million rows and still reaches the last row", () => {
    const total = 1_000_000;
    const top = computeWindow(0, 640, 64, total, 0);
    expect(top.scrollHeight).toBe(MAX_SCROLL_PX);
    expect(top.first).toBe(0);
    const bottom = computeWindow(MAX_SCROLL_PX - 640, 640, 64, total, 0);
    expect(bottom.first + bottom.count).toBe(total);
    // The last row ends exactly at the bottom of the view.
    expect(bottom.top + (total - 1 - bottom.first) * 64 + 64).toBeCloseTo(MAX_SCROLL_PX, 3);
  });

  it("scrolls a row into view, both ways", () => {
    expect(scrollTopFor(50, 0, 640, 64, 1000)).toBe(51 * 64 - 640);
    expect(scrollTopFor(3, 6400, 640, 64, 1000)).toBe(3 * 64);
    expect(scrollTopFor(5, 0, 640, 64, 1000)).toBe(0);
    const deep = scrollTopFor(999_999, 0, 640, 64, 1_000_000);
    expect(deep).toBeCloseTo(MAX_SCROLL_PX - 640, 3);
  });

  it("lists the pages a window needs", () => {
    expect(pagesFor(95, 10, 100)).toEqual([0, 1]);
    expect(pagesFor(0, 0, 100)).toEqual([]);
  });

  it("handles an empty list", () => {
    expect(computeWindow(0, 640, 64, 0)).toEqual({ scrollHeight: 0, first: 0, count: 0, top: 0 });
  });
});

describe("page planning", () => {
  it("resumes from a neighbour's row when one is cached", () => {
    expect(planPage(5, 100, 1000, { time: 10, id: 3 })).toEqual({ at: { kind: "after", anchor: { time: 10, id: 3 } }, limit: 100 });
    expect(planPage(5, 100, 1000, undefined, { time: 9, id: 2 })).toEqual({ at: { kind: "before", anchor: { time: 9, id: 2 } }, limit: 100 });
  });

  it("jumps by offset from the nearer end", () => {
    expect(planPage(2, 100, 1_000_000)).toEqual({ at: { kind: "offset", offset: 200 }, limit: 100 });
    // The last, partial page: 50 rows, none skipped from the end.
    expect(planPage(9_999, 100, 999_950)).toEqual({ at: { kind: "fromEnd", offset: 0 }, limit: 50 });
    expect(planPage(9_000, 100, 1_000_000)).toEqual({ at: { kind: "fromEnd", offset: 99_900 }, limit: 100 });
  });

  it("drops the pages farthest from the view", () => {
    expect(pagesToDrop([0, 1, 2, 50, 51], 50, 3).sort()).toEqual([0, 1]);
    expect(pagesToDrop([0, 1], 0, 3)).toEqual([]);
  });
});
