import { actionFor } from "./keys";

describe("keyboard map", () => {
  it("maps the reader's keys", () => {
    expect(actionFor({ key: "j" })).toBe("next");
    expect(actionFor({ key: "k" })).toBe("prev");
    expect(actionFor({ key: "o" })).toBe("open");
    expect(actionFor({ key: "s" })).toBe("star");
    expect(actionFor({ key: "m" })).toBe("toggleRead");
    expect(actionFor({ key: "/" })).toBe("search");
    expect(actionFor({ key: "p" })).toBe("pin");
    expect(actionFor({ key: "?" })).toBe("help");
  });

  it("leaves typing and browser shortcuts alone", () => {
    expect(actionFor({ key: "j", inTextField: true })).toBeNull();
    expect(actionFor({ key: "s", ctrlKey: true })).toBeNull();
    expect(actionFor({ key: "Escape", inTextField: true })).toBe("escape");
    expect(actionFor({ key: "x" })).toBeNull();
  });
});
