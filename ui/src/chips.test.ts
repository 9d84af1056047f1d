import { addChip, buildQuery, matchCountries, removeChip, type Chip } from "./chips";

const countries = [
  { code: "BE", name: "Belgium" },
  { code: "BY", name: "Belarus" },
  { code: "TR", name: "Türkiye" },
  { code: "GR", name: "Greece" },
];

describe("query chips", () => {
  it("writes chips as query terms after the typed text", () => {
    const chips: Chip[] = [
      { kind: "country", code: "be", name: "Belgium" },
      { kind: "voice", voice: "ngo_concern" },
      { kind: "lang", code: "FR" },
      { kind: "since", date: "2025-01-01" },
    ];
    expect(buildQuery(" reception ", chips)).toBe("reception country:BE voice:ngo_concern lang:fr after:2025-01-01");
  });

  it("ORs chips of one kind together", () => {
    const chips: Chip[] = [
      { kind: "country", code: "BE", name: "Belgium" },
      { kind: "country", code: "GR", name: "Greece" },
      { kind: "source", id: 3, name: "ECRE" },
    ];
    expect(buildQuery("", chips)).toBe("(country:BE OR country:GR) source:3");
  });

  it("finds countries by name, accents folded, or by code", () => {
    expect(matchCountries("bel", countries).map((c) => c.code)).toEqual(["BE", "BY"]);
    expect(matchCountries("turk", countries).map((c) => c.code)).toEqual(["TR"]);
    expect(matchCountries("gr", countries).map((c) => c.code)).toEqual(["GR"]);
    expect(matchCountries("  ", countries)).toEqual([]);
  });

  it("keeps one chip per term and one voice", () => {
    let chips = addChip([], { kind: "voice", voice: "government" });
    chips = addChip(chips, { kind: "voice", voice: "ngo_concern" });
    chips = addChip(chips, { kind: "country", code: "BE", name: "Belgium" });
    chips = addChip(chips, { kind: "country", code: "BE", name: "Belgium" });
    expect(buildQuery("", chips)).toBe("voice:ngo_concern country:BE");
    expect(buildQuery("", removeChip(chips, { kind: "country", code: "BE", name: "Belgium" }))).toBe("voice:ngo_concern");
  });
});
