import { renderSegments, segment, snippetRuns, taggedText } from "./highlight";

describe("evidence highlighting", () => {
  it("cuts text at span edges, overlaps included", () => {
    const segs = segment("abcdefgh", [
      { start: 0, end: 4, mark: "gov" },
      { start: 2, end: 6, mark: "country", label: "why" },
    ]);
    expect(segs.map((s) => [s.text, s.marks.join("+")])).toEqual([
      ["ab", "gov"],
      ["cd", "country+gov"],
      ["ef", "country"],
      ["gh", ""],
    ]);
    expect(segs[1].labels).toEqual(["why"]);
  });

  it("counts code points as the core does, not UTF-16 units", () => {
    // "🇧🇪" is two code points (four UTF-16 units); "é" is one.
    const text = taggedText("🇧🇪 é", "Le ministre a dit non.");
    const start = Array.from(text).indexOf("L");
    const segs = segment(text, [{ start, end: start + 10, mark: "gov" }]);
    expect(segs.find((s) => s.marks.includes("gov"))?.text).toBe("Le ministr");
  });

  it("clamps and ignores broken spans", () => {
    const segs = segment("abc", [
      { start: 2, end: 99, mark: "ngo" },
      { start: 5, end: 1, mark: "gov" },
    ]);
    expect(segs.map((s) => s.text)).toEqual(["ab", "c"]);
  });

  it("renders as text and marks only", () => {
    const el = document.createElement("div");
    renderSegments(el, segment("<img src=x onerror=alert(1)> said", [{ start: 0, end: 5, mark: "gov" }]));
    expect(el.querySelector("img")).toBeNull();
    expect(el.querySelector("mark.ev-gov")?.textContent).toBe("<img ");
  });

  it("splits search snippets on match markers", () => {
    expect(snippetRuns("a \u0002pushbacks\u0003 b")).toEqual([
      { text: "a ", match: false },
      { text: "pushbacks", match: true },
      { text: " b", match: false },
    ]);
  });
});
