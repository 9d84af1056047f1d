// The analyst's settings, kept in the webview's local storage: they belong to this window,
// not to the archive (which may be shared or restored elsewhere).

import { pickLang, type Lang } from "./i18n";

export type Theme = "system" | "light" | "dark";

export interface Settings {
  /** Minutes between scheduled refreshes; 0 turns the schedule off. */
  refreshMinutes: number;
  theme: Theme;
  lang: Lang;
  remoteImages: boolean;
}

const KEY = "counterpoint.settings";

export function defaults(navigatorLanguage: string): Settings {
  return { refreshMinutes: 30, theme: "system", lang: pickLang(null, navigatorLanguage), remoteImages: false };
}

/** Reads the stored settings; anything missing or malformed takes its default. */
export function parseSettings(raw: string | null, navigatorLanguage: string): Settings {
  const base = defaults(navigatorLanguage);
  if (!raw) return base;
  try {
    const v = JSON.parse(raw) as Partial<Settings>;
    return {
      refreshMinutes:
        typeof v.refreshMinutes === "number" && v.refreshMinutes >= 0 && v.refreshMinutes <= 24 * 60 ? v.refreshMinutes : base.refreshMinutes,
      theme: v.theme === "light" || v.theme === "dark" || v.theme === "system" ? v.theme : base.theme,
      lang: pickLang(typeof v.lang === "string" ? v.lang : null, navigatorLanguage),
      remoteImages: v.remoteImages === true,
    };
  } catch {
    return base;
  }
}

export function loadSettings(): Settings {
  return parseSettings(localStorage.getItem(KEY), navigator.language);
}

export function saveSettings(s: Settings): void {
  localStorage.setItem(KEY, JSON.stringify(s));
}
