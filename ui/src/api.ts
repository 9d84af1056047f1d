// Typed wrappers over the app's IPC commands. Every call goes through `call`, which turns the
// backend's `{ kind, message }` errors into `AppError`s.

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { Anchor, PageAt } from "./vlist";

export interface AppInfo {
  version: string;
  dbPath: string;
  items: number;
  firstRun: boolean;
}

export interface Source {
  id: number;
  url: string;
  name: string;
  kind: string;
  language: string | null;
  siteUrl: string | null;
  status: string;
  error: string | null;
  lastCheckedAt: number | null;
  items: number;
  unread: number;
}

export interface SuggestedSource {
  name: string;
  url: string;
  kind: string;
  language: string;
  about: string;
  added: boolean;
}

export interface CountryName {
  code: string;
  name: string;
}

export interface ItemRow {
  id: number;
  sourceId: number;
  sourceName: string;
  title: string;
  url: string | null;
  time: number;
  language: string | null;
  stance: string;
  read: boolean;
  starred: boolean;
  pinned: boolean;
  countries: CountryName[];
  snippet: string | null;
}

export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface CountryTag {
  code: string;
  name: string;
  score: number;
  focus: boolean;
  evidence: Span[];
}

export interface Item {
  id: number;
  sourceId: number;
  sourceName: string;
  sourceKind: string;
  title: string;
  url: string | null;
  author: string | null;
  published: number | null;
  fetchedAt: number;
  language: string | null;
  contentHtml: string | null;
  contentText: string;
  fullText: boolean;
  extractError: string | null;
  read: boolean;
  starred: boolean;
  pinned: boolean;
  note: string | null;
  stance: string;
  countries: CountryTag[];
  government: Span[];
  ngoConcern: Span[];
}

/** The backend's page position: keyset anchors or an offset from the oldest end; none means
 * `offset` from the newest. */
function pageAtDto(at?: PageAt): { after?: Anchor; before?: Anchor; fromEnd?: number } | null {
  switch (at?.kind) {
    case "after":
      return { after: at.anchor };
    case "before":
      return { before: at.anchor };
    case "fromEnd":
      return { fromEnd: at.offset };
    default:
      return null;
  }
}

export interface Filter {
  sources?: number[];
  countries?: string[];
  voice?: string | null;
  languages?: string[];
  since?: number | null;
  until?: number | null;
  unreadOnly?: boolean;
  starredOnly?: boolean;
  pinnedOnly?: boolean;
  text?: string | null;
}

export interface SourceReport {
  sourceId: number;
  name: string;
  status: string;
  new: number;
  updated: number;
  error: string | null;
}

export interface RefreshSummary {
  new: number;
  updated: number;
  errors: number;
  retagged: number;
  sources: SourceReport[];
  watchMatches: { name: string; new: number }[];
}

export type RefreshProgress =
  | { type: "started"; sources: number }
  | { type: "source"; done: number; total: number; report: SourceReport }
  | { type: "retagging"; done: number; total: number }
  | { type: "finished"; summary: RefreshSummary };

export interface SearchResults {
  total: number;
  rows: ItemRow[];
  tookMs: number;
  /** A newer search replaced this one before it ran: nothing was searched. */
  superseded: boolean;
}

export interface Watch {
  name: string;
  query: string;
  total: number;
  new: number;
}

export interface CountryCount {
  code: string;
  name: string;
  items: number;
}

export interface MonthCount {
  code: string;
  month: string;
  government: number;
  ngoConcern: number;
  both: number;
  neither: number;
}

export interface PinnedItem extends ItemRow {
  note: string | null;
}

export class AppError extends Error {
  constructor(
    public kind: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    if (e && typeof e === "object" && "kind" in e && "message" in e) {
      throw new AppError(String((e as { kind: unknown }).kind), String((e as { message: unknown }).message));
    }
    throw new AppError("internal", String(e));
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  listSources: () => call<Source[]>("list_sources"),
  addSource: (url: string, name?: string, kind?: string, language?: string) =>
    call<Source>("add_source", { source: { url, name, kind, language } }),
  updateSource: (id: number, change: { name?: string; kind?: string; language?: string }) =>
    call<Source>("update_source", { id, change }),
  removeSource: (id: number) => call<void>("remove_source", { id }),
  suggestedSources: () => call<SuggestedSource[]>("suggested_sources"),
  importOpml: () => call<number>("import_opml"),
  exportOpml: () => call<string>("export_opml"),
  refresh: (sources?: number[], scheduled = false) => call<RefreshSummary>("refresh", { sources, scheduled }),
  listItems: (filter: Filter, offset: number, limit: number, at?: PageAt) =>
    call<{ rows: ItemRow[] }>("list_items", { filter, offset, limit, at: pageAtDto(at) }),
  countItems: (filter: Filter) => call<number>("count_items", { filter }),
  getItem: (id: number) => call<Item>("get_item", { id }),
  setItemState: (id: number, change: { read?: boolean; starred?: boolean; pinned?: boolean }) =>
    call<void>("set_item_state", { id, change }),
  setNote: (id: number, note: string) => call<void>("set_note", { id, note }),
  pinnedItems: () => call<PinnedItem[]>("pinned_items"),
  exportBrief: (format: string, title: string) => call<{ path: string; items: number }>("export_brief", { format, title }),
  briefPreview: (title: string) => call<string>("brief_preview", { title }),
  openLink: (url: string) => call<void>("open_link", { url }),
  countryStats: () => call<CountryCount[]>("country_stats"),
  countryTimeline: (codes: string[]) => call<MonthCount[]>("country_timeline", { codes }),
  countryLatest: (code: string) => call<{ government: ItemRow[]; ngoConcern: ItemRow[] }>("country_latest", { code }),
  search: (query: string, offset: number, limit: number, sort = "relevance") =>
    call<SearchResults>("search", { search: { query, sort }, offset, limit }),
  listWatches: () => call<Watch[]>("list_watches"),
  saveWatch: (name: string, query: string) => call<Watch>("save_watch", { name, query }),
  deleteWatch: (name: string) => call<void>("delete_watch", { name }),
  openWatch: (name: string) => call<void>("open_watch", { name }),
  onRefreshProgress: (handler: (p: RefreshProgress) => void): Promise<UnlistenFn> =>
    listen<RefreshProgress>("refresh-progress", (e) => handler(e.payload)),
};
