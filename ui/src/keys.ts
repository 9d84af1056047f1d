// The keyboard map: a pure function from a key press to an action, so it is testable and the
// one place to read what each key does.

export type Action = "next" | "prev" | "open" | "star" | "toggleRead" | "search" | "pin" | "help" | "escape";

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** Whether focus is in a text field, where letters are text, not commands. */
  inTextField?: boolean;
}

const MAP: Record<string, Action> = {
  j: "next",
  ArrowDown: "next",
  k: "prev",
  ArrowUp: "prev",
  o: "open",
  s: "star",
  m: "toggleRead",
  "/": "search",
  p: "pin",
  "?": "help",
  Escape: "escape",
};

export function actionFor(press: KeyPress): Action | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.inTextField && press.key !== "Escape") return null;
  return MAP[press.key] ?? null;
}

/** The help overlay's rows: key label and the i18n key of what it does. */
export const HELP_ROWS: [string, "helpNext" | "helpPrev" | "helpOpen" | "helpStar" | "helpRead" | "helpSearch" | "helpPin" | "helpHelp"][] = [
  ["j", "helpNext"],
  ["k", "helpPrev"],
  ["o", "helpOpen"],
  ["s", "helpStar"],
  ["m", "helpRead"],
  ["/", "helpSearch"],
  ["p", "helpPin"],
  ["?", "helpHelp"],
];
