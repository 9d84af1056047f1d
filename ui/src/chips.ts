// Filter chips beside the search box, and the query they stand for. A search is always sent
// as one query string in the core's query language, so a saved watch is exactly the search
// the analyst was looking at.

export type Voice = "government" | "ngo_concern" | "both" | "neither";

export type Chip =
  | { kind: "country"; code: string; name: string }
  | { kind: "voice"; voice: Voice }
  | { kind: "source"; id: number; name: string }
  | { kind: "lang"; code: string }
  | { kind: "since"; date: string }
  | { kind: "until"; date: string };

export interface Named {
  code: string;
  name: string;
}

/** The query-language form of one chip. */
export function chipTerm(chip: Chip): string {
  switch (chip.kind) {
    case "country":
      return `country:${chip.code.toUpperCase()}`;
    case "voice":
      return `voice:${chip.voice}`;
    case "source":
      return `source:${chip.id}`;
    case "lang":
      return `lang:${chip.code.toLowerCase()}`;
    case "since":
      return `after:${chip.date}`;
    case "until":
      return `before:${chip.date}`;
  }
}

/** The whole query: the typed text, then one term per chip (chips of one kind OR together). */
export function buildQuery(text: string, chips: Chip[]): string {
  const parts: string[] = [];
  const typed = text.trim();
  if (typed) parts.push(typed);
  const byKind = new Map<string, string[]>();
  for (const chip of chips) {
    const terms = byKind.get(chip.kind) ?? [];
    const term = chipTerm(chip);
    if (!terms.includes(term)) terms.push(term);
    byKind.set(chip.kind, terms);
  }
  for (const terms of byKind.values()) {
    parts.push(terms.length === 1 ? terms[0] : `(${terms.join(" OR ")})`);
  }
  return parts.join(" ");
}

/** A chip's label for people. */
export function chipLabel(chip: Chip): string {
  switch (chip.kind) {
    case "country":
      return chip.name;
    case "voice":
      return chip.voice.replace("_", " ");
    case "source":
      return chip.name;
    case "lang":
      return chip.code.toUpperCase();
    case "since":
      return `≥ ${chip.date}`;
    case "until":
      return `≤ ${chip.date}`;
  }
}

/** Countries whose name or code starts with (or whose name contains) what was typed. */
export function matchCountries(input: string, countries: Named[], limit = 8): Named[] {
  const q = fold(input.trim());
  if (!q) return [];
  const starts = countries.filter((c) => fold(c.name).startsWith(q) || c.code.toLowerCase() === q);
  const contains = countries.filter((c) => !starts.includes(c) && fold(c.name).includes(q));
  return [...starts, ...contains].slice(0, limit);
}

/** Adds a chip unless the same one is there; a second voice replaces the first. */
export function addChip(chips: Chip[], chip: Chip): Chip[] {
  if (chips.some((c) => chipTerm(c) === chipTerm(chip))) return chips;
  if (chip.kind === "voice") return [...chips.filter((c) => c.kind !== "voice"), chip];
  return [...chips, chip];
}

export function removeChip(chips: Chip[], chip: Chip): Chip[] {
  return chips.filter((c) => chipTerm(c) !== chipTerm(chip));
}

function fold(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}
