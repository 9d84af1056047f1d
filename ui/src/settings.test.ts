import { parseSettings } from "./settings";

describe("settings", () => {
  it("takes defaults for anything missing or malformed", () => {
    expect(parseSettings(null, "nl-BE")).toEqual({ refreshMinutes: 30, theme: "system", lang: "nl", remoteImages: false });
    expect(parseSettings("{not json", "en")).toMatchObject({ refreshMinutes: 30 });
    expect(parseSettings(JSON.stringify({ refreshMinutes: -5, theme: "neon", lang: "fr", remoteImages: "yes" }), "en")).toEqual({
      refreshMinutes: 30,
      theme: "system",
      lang: "fr",
      remoteImages: false,
    });
  });
});
