import { computeWindow, MAX_SCROLL_PX, pagesFor, scrollTopFor } from "./vlist";

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
