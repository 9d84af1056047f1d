import { LANGS, missingKeys, pickLang, t } from "./i18n";

describe("i18n", () => {
  it("fills placeholders and falls back to English", () => {
    expect(t("fr", "results", { n: 3 })).toBe("3 articles");
    expect(t("nl", "took", { ms: 12 })).toBe("12 ms");
    expect(t("en", "refreshing", { done: 1 })).toBe("Refreshing 1/{total}…");
  });

  it("has every string in every language", () => {
    for (const lang of LANGS) expect(missingKeys(lang)).toEqual([]);
  });

  it("starts in the stored language, else the system's, else English", () => {
    expect(pickLang("nl", "fr-BE")).toBe("nl");
    expect(pickLang(null, "fr-BE")).toBe("fr");
    expect(pickLang("xx", "de-DE")).toBe("en");
  });
});
