// The window: sidebar (views, watches, sources), a toolbar (search and chips), and the
// current view (list and reader, country dashboard, brief, settings).

import "./styles.css";
import { api, AppError, type CountryCount, type Filter, type Item, type ItemRow, type Source, type Watch } from "./api";
import { addChip, buildQuery, chipLabel, matchCountries, removeChip, type Chip, type Voice } from "./chips";
import { h, formatDate, formatDateTime } from "./dom";
import { snippetRuns } from "./highlight";
import { LANGS, t, type Key, type Lang } from "./i18n";
import { actionFor, HELP_ROWS } from "./keys";
import { ListView, type ListSource } from "./listview";
import { renderReader, voiceLabel } from "./reader";
import { loadSettings, saveSettings, type Settings } from "./settings";
import { renderDashboard } from "./dashboard";
import { renderBrief } from "./brief";

type View = "items" | "dashboard" | "brief" | "settings";
type Base = { kind: "all" } | { kind: "unread" } | { kind: "starred" } | { kind: "pinned" } | { kind: "source"; id: number } | { kind: "watch"; name: string };

const state = {
  settings: loadSettings() as Settings,
  view: "items" as View,
  base: { kind: "all" } as Base,
  text: "",
  chips: [] as Chip[],
  sources: [] as Source[],
  watches: [] as Watch[],
  countries: [] as CountryCount[],
  current: null as Item | null,
  refreshStatus: "",
  refreshing: false,
};

const L = (key: Key, vars?: Record<string, string | number>) => t(state.settings.lang, key, vars);

// ---------- layout ----------

const sidebar = h("aside", { class: "sidebar" });
const toolbar = h("div", { class: "toolbar" });
const content = h("section", { class: "content" });
const reader = h("article", { class: "reader", id: "reader" });
const status = h("div", { class: "status", id: "status", attrs: { role: "status" } });
const countLabel = h("span", { class: "count", id: "result-count" });
const overlay = h("div", { class: "overlay hidden", id: "help" });

const list = new ListView(renderRow, (_i, row) => void openItem(row.id), (total) => {
  countLabel.textContent = L("results", { n: total.toLocaleString(state.settings.lang) });
});

function applyTheme(): void {
  const dark = state.settings.theme === "dark" || (state.settings.theme === "system" && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.dataset.theme = dark ? "dark" : "light";
  document.documentElement.lang = state.settings.lang;
}

// ---------- the list ----------

function renderRow(el: HTMLElement, row: ItemRow | undefined, selected: boolean): void {
  el.classList.toggle("selected", selected);
  if (!row) {
    el.replaceChildren(h("div", { class: "row-title muted", text: "…" }));
    delete el.dataset.id;
    return;
  }
  el.dataset.id = String(row.id);
  el.classList.toggle("unread", !row.read);
  const snippet = row.snippet ? h("div", { class: "row-snippet" }, ...snippetRuns(row.snippet).map((r) => (r.match ? h("mark", { text: r.text }) : r.text))) : null;
  el.replaceChildren(
    h(
      "div",
      { class: "row-line" },
      h("span", { class: "row-flags", text: `${row.starred ? "★" : ""}${row.pinned ? "📌" : ""}` }),
      h("span", { class: "row-title", text: row.title }),
    ),
    h(
      "div",
      { class: "row-meta" },
      h("span", { class: "row-source", text: row.sourceName }),
      h("span", { class: "row-date", text: formatDate(row.time, state.settings.lang) }),
      row.stance !== "neither" ? h("span", { class: `badge voice-${row.stance}`, text: voiceLabel(row.stance, state.settings.lang) }) : null,
      ...row.countries.map((c) => h("span", { class: "chip country small", text: c.name, title: c.code })),
    ),
  );
  if (snippet) el.append(snippet);
}

function baseFilter(): Filter {
  const b = state.base;
  return {
    sources: b.kind === "source" ? [b.id] : [],
    unreadOnly: b.kind === "unread",
    starredOnly: b.kind === "starred",
    pinnedOnly: b.kind === "pinned",
  };
}

function baseTerms(): string[] {
  const b = state.base;
  switch (b.kind) {
    case "source":
      return [`source:${b.id}`];
    case "unread":
      return ["is:unread"];
    case "starred":
      return ["is:starred"];
    case "pinned":
      return ["is:pinned"];
    case "watch":
      return [state.watches.find((w) => w.name === b.name)?.query ?? ""];
    default:
      return [];
  }
}

/** The query the list shows, or null when it is a plain listing. */
function currentQuery(): string | null {
  const q = [...baseTerms(), buildQuery(state.text, state.chips)].filter((s) => s.trim()).join(" ");
  return state.text.trim() || state.chips.length || state.base.kind === "watch" ? q : null;
}

function listSource(): ListSource {
  const query = currentQuery();
  const text = state.text;
  if (query !== null) {
    return {
      page: async (offset, limit) => {
        const started = performance.now();
        const r = await api.search(query, offset, limit);
        if (offset === 0 && !r.superseded) {
          // For the benchmark: which search answered, and how fast.
          document.body.dataset.searchFor = text;
          document.body.dataset.searchMs = String(Math.round(performance.now() - started));
        }
        return { rows: r.rows, total: r.total };
      },
      count: async () => (await api.search(query, 0, 1)).total,
    };
  }
  const filter = baseFilter();
  return {
    page: async (offset, limit, at) => ({ rows: (await api.listItems(filter, offset, limit, at)).rows }),
    count: () => api.countItems(filter),
  };
}

async function showList(keep = false): Promise<void> {
  try {
    if (keep) await list.reload();
    else await list.setSource(listSource());
    status.textContent = state.refreshStatus;
    document.body.dataset.listReady = "1";
  } catch (e) {
    showError(e);
  }
}

async function openItem(id: number): Promise<void> {
  try {
    const item = await api.getItem(id);
    state.current = item;
    if (!item.read) {
      await api.setItemState(id, { read: true });
      item.read = true;
      list.patch(id, { read: true });
      void loadSources();
    }
    renderReader(reader, item, {
      lang: state.settings.lang,
      remoteImages: state.settings.remoteImages,
      onChange: (changed) => {
        list.patch(changed.id, { read: changed.read, starred: changed.starred, pinned: changed.pinned });
        void loadSources();
      },
    });
  } catch (e) {
    showError(e);
  }
}

function showError(e: unknown): void {
  const message = e instanceof AppError ? e.message : String(e);
  status.textContent = `${L("error")}: ${message}`;
  status.classList.add("error");
  window.setTimeout(() => status.classList.remove("error"), 6000);
}

// ---------- sidebar ----------

async function loadSources(): Promise<void> {
  try {
    [state.sources, state.watches] = await Promise.all([api.listSources(), api.listWatches()]);
    drawSidebar();
  } catch (e) {
    showError(e);
  }
}

function navButton(label: string, base: Base | null, view: View, id: string, extra?: string): HTMLElement {
  const active = state.view === view && (base === null || JSON.stringify(base) === JSON.stringify(state.base));
  return h(
    "button",
    {
      class: `nav${active ? " active" : ""}`,
      id,
      on: {
        click: () => {
          state.view = view;
          if (base) {
            state.base = base;
            if (base.kind === "watch") void api.openWatch(base.name).then(loadSources);
          }
          drawSidebar();
          drawView();
        },
      },
    },
    h("span", { text: label }),
    extra ? h("span", { class: "count-badge", text: extra }) : null,
  );
}

// The sidebar's fixed parts are built once and kept: a background refresh redraws the sidebar
// when it starts and ends, and a field being typed into, a button being pressed or the list of
// suggestions left open must not be swapped for a copy under the analyst's hands.
const refreshButton = h("button", { class: "refresh", id: "refresh-button", on: { click: () => void refresh() } });
const brandName = h("strong");
const sidebarLists = h("div", { class: "sidebar-lists" });
const sourceUrlInput = h("input", { id: "add-source-url", attrs: { type: "url" } });
const addSourceButton = h("button", { id: "add-source-button", attrs: { type: "submit" } });
const addSourceForm = h(
  "form",
  {
    class: "add-source",
    on: {
      submit: (e) => {
        e.preventDefault();
        const url = sourceUrlInput.value.trim();
        if (!url) return;
        status.textContent = "…";
        api
          .addSource(url)
          .then(async (s) => {
            sourceUrlInput.value = "";
            status.textContent = s.name;
            await loadSources();
            await refresh([s.id]);
          })
          .catch(showError);
      },
    },
  },
  sourceUrlInput,
  addSourceButton,
);
const importOpmlButton = h("button", { on: { click: () => void api.importOpml().then(loadSources).catch(quietCancel) } });
const exportOpmlButton = h("button", {
  on: { click: () => void api.exportOpml().then((p) => (status.textContent = L("exported", { path: p }))).catch(quietCancel) },
});
const suggestedSummary = h("summary");
const suggested = suggestedBlock(suggestedSummary);
const offlineHint = h("p", { class: "muted small" });
sidebar.append(
  h("div", { class: "brand" }, brandName, refreshButton),
  sidebarLists,
  addSourceForm,
  h("div", { class: "opml" }, importOpmlButton, exportOpmlButton),
  suggested,
  offlineHint,
);

function drawSidebar(): void {
  const unread = state.sources.reduce((n, s) => n + s.unread, 0);
  // Labels are set on every draw, so a change of language reaches the fixed parts too.
  brandName.textContent = L("appName");
  refreshButton.textContent = state.refreshing ? "…" : L("refresh");
  sourceUrlInput.placeholder = L("addSourcePlaceholder");
  addSourceButton.textContent = L("add");
  importOpmlButton.textContent = L("importOpml");
  exportOpmlButton.textContent = L("exportOpml");
  suggestedSummary.textContent = L("suggested");
  offlineHint.textContent = L("offlineHint");
  sidebarLists.replaceChildren(
    navButton(L("allItems"), { kind: "all" }, "items", "nav-all"),
    navButton(L("unread"), { kind: "unread" }, "items", "nav-unread", unread ? String(unread) : undefined),
    navButton(L("starred"), { kind: "starred" }, "items", "nav-starred"),
    navButton(L("pinned"), { kind: "pinned" }, "items", "nav-pinned"),
    navButton(L("dashboard"), null, "dashboard", "nav-dashboard"),
    navButton(L("brief"), null, "brief", "nav-brief"),
    navButton(L("settings"), null, "settings", "nav-settings"),
    h("h3", { text: L("watches") }),
    h(
      "div",
      { class: "watches", id: "watches" },
      ...state.watches.map((w) => navButton(w.name, { kind: "watch", name: w.name }, "items", `watch-${w.name}`, w.new ? L("newMatches", { n: w.new }) : undefined)),
    ),
    h("h3", { text: L("sources") }),
    h("div", { class: "sources", id: "sources" }, ...state.sources.map(sourceEntry)),
  );
}

function quietCancel(e: unknown): void {
  if (e instanceof AppError && e.kind === "cancelled") return;
  showError(e);
}

function sourceEntry(s: Source): HTMLElement {
  const failing = s.status === "error" || s.status === "gone";
  const entry = h(
    "div",
    { class: `source${failing ? " failing" : ""}`, attrs: { "data-source-id": String(s.id) } },
    h(
      "button",
      {
        class: `nav${state.base.kind === "source" && state.base.id === s.id && state.view === "items" ? " active" : ""}`,
        on: {
          click: () => {
            state.view = "items";
            state.base = { kind: "source", id: s.id };
            drawSidebar();
            drawView();
          },
        },
      },
      h("span", { class: "source-name", text: s.name }),
      s.unread ? h("span", { class: "count-badge", text: String(s.unread) }) : null,
    ),
    h("div", { class: "source-meta muted small", text: L("lastRefresh", { when: s.lastCheckedAt ? formatDateTime(s.lastCheckedAt, state.settings.lang) : L("never") }) }),
    s.error ? h("div", { class: "source-error small", text: s.error }) : null,
    h("button", { class: "link small", text: "⋯", title: L("rename"), on: { click: () => entry.append(sourceEditor(s)) } }),
  );
  return entry;
}

function sourceEditor(s: Source): HTMLElement {
  const name = h("input", { attrs: { value: s.name } });
  const kind = h("select", {}, ...["agency", "ngo", "government", "media", "other"].map((k) => h("option", { text: k, attrs: k === s.kind ? { value: k, selected: "" } : { value: k } })));
  const language = h("input", { attrs: { value: s.language ?? "", size: "3", placeholder: L("language") } });
  return h(
    "form",
    {
      class: "source-editor",
      on: {
        submit: (e) => {
          e.preventDefault();
          void api.updateSource(s.id, { name: name.value, kind: kind.value, language: language.value }).then(loadSources).catch(showError);
        },
      },
    },
    name,
    kind,
    language,
    h("button", { text: L("save"), attrs: { type: "submit" } }),
    h(
      "button",
      {
        text: L("remove"),
        attrs: { type: "button" },
        on: {
          click: () => {
            if (!confirm(`${L("remove")}: ${s.name}?`)) return;
            void api.removeSource(s.id).then(async () => {
              if (state.base.kind === "source" && state.base.id === s.id) state.base = { kind: "all" };
              await loadSources();
              await showList();
            }).catch(showError);
          },
        },
      },
    ),
  );
}

/** The suggested sources, listed afresh each time the box is opened, so that one added since
 * shows as added. */
function suggestedBlock(summary: HTMLElement): HTMLElement {
  const box = h("details", { class: "suggested" }, summary);
  box.addEventListener("toggle", () => {
    if (!box.open) return;
    void api.suggestedSources().then((list) => {
      box.replaceChildren(
        summary,
        ...list.map((s) =>
          h(
            "div",
            { class: "suggestion small" },
            h("strong", { text: s.name }),
            h("span", { class: "muted", text: ` ${s.about} ` }),
            s.added
              ? h("span", { class: "muted", text: "✓" })
              : h("button", {
                  text: L("add"),
                  on: {
                    click: (e) => {
                      (e.target as HTMLButtonElement).disabled = true;
                      void api.addSource(s.url, s.name, s.kind, s.language).then(async (src) => {
                        await loadSources();
                        await refresh([src.id]);
                      }).catch(showError);
                    },
                  },
                }),
          ),
        ),
      );
    }).catch(showError);
  });
  return box;
}

// ---------- toolbar: search and chips ----------

/** How long typing must pause before a search runs: short enough to feel live, long enough
 * not to search on every key of a word typed at speed. Older answers are dropped anyway. */
const SEARCH_PAUSE_MS = 40;

/** The country names the country filter offers; refilled when the counts change, without
 * redrawing the toolbar (which would drop a search being typed). */
const countryNames = h("datalist", { id: "country-names" });

async function loadCountries(): Promise<void> {
  state.countries = await api.countryStats().catch(() => state.countries);
  countryNames.replaceChildren(...state.countries.map((c) => h("option", { attrs: { value: c.name } })));
}

function drawToolbar(): void {
  const search = h("input", { id: "search", attrs: { type: "search", placeholder: L("searchPlaceholder"), value: state.text } });
  search.value = state.text;
  let timer = 0;
  search.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      state.text = search.value;
      state.view = "items";
      drawView();
    }, SEARCH_PAUSE_MS);
  });

  const country = h("input", { id: "country-filter", attrs: { list: "country-names", placeholder: L("filterCountry"), size: "12" } });
  const addCountry = () => {
    const found = matchCountries(country.value, state.countries)[0];
    if (!found) return;
    state.chips = addChip(state.chips, { kind: "country", code: found.code, name: found.name });
    drawToolbar();
    drawView();
  };
  country.addEventListener("change", addCountry);
  country.addEventListener("keydown", (e) => {
    if (e.key === "Enter") addCountry();
  });

  const voice = h(
    "select",
    { id: "voice-filter" },
    h("option", { text: L("anyVoice"), attrs: { value: "" } }),
    ...(["government", "ngo_concern", "both", "neither"] as Voice[]).map((v) => h("option", { text: voiceLabel(v, state.settings.lang), attrs: { value: v } })),
  );
  voice.addEventListener("change", () => {
    if (voice.value) state.chips = addChip(state.chips, { kind: "voice", voice: voice.value as Voice });
    drawToolbar();
    drawView();
  });

  const langSel = h(
    "select",
    { id: "lang-filter" },
    h("option", { text: L("filterLang"), attrs: { value: "" } }),
    ...["en", "fr", "nl", "de", "es", "it"].map((l) => h("option", { text: l.toUpperCase(), attrs: { value: l } })),
  );
  langSel.addEventListener("change", () => {
    if (langSel.value) state.chips = addChip(state.chips, { kind: "lang", code: langSel.value });
    drawToolbar();
    drawView();
  });
  const dateInput = (kind: "since" | "until", label: Key) => {
    const input = h("input", { attrs: { type: "date", title: L(label) } });
    input.addEventListener("change", () => {
      if (input.value) state.chips = addChip(state.chips.filter((c) => c.kind !== kind), { kind, date: input.value });
      drawToolbar();
      drawView();
    });
    return input;
  };

  const chips = h(
    "div",
    { class: "chips", id: "chips" },
    ...state.chips.map((c) =>
      h("button", {
        class: `chip ${c.kind}`,
        text: `${chipLabel(c)} ×`,
        on: {
          click: () => {
            state.chips = removeChip(state.chips, c);
            drawToolbar();
            drawView();
          },
        },
      }),
    ),
  );
  const saveWatch = h("button", {
    id: "save-watch",
    text: L("saveWatch"),
    on: {
      click: () => {
        const query = currentQuery();
        if (!query) return;
        const name = prompt(L("watchName"), state.text.trim() || state.chips.map(chipLabel).join(", "));
        if (!name) return;
        void api.saveWatch(name, query).then(loadSources).catch(showError);
      },
    },
  });
  saveWatch.toggleAttribute("disabled", currentQuery() === null);

  toolbar.replaceChildren(search, country, countryNames, voice, langSel, dateInput("since", "filterSince"), dateInput("until", "filterUntil"), saveWatch, countLabel, chips);
}

// ---------- views ----------

/** Draws the current view; resolves when its list (if any) is painted. */
function drawView(): Promise<void> {
  let shown = Promise.resolve();
  if (state.view === "items") {
    if (!content.contains(list.root)) content.replaceChildren(h("div", { class: "split" }, list.root, reader));
    if (!state.current) reader.replaceChildren(h("p", { class: "muted placeholder", text: L("selectItem") }));
    shown = showList();
  } else if (state.view === "dashboard") {
    const pane = h("div", { class: "dashboard", id: "dashboard" });
    content.replaceChildren(pane);
    void renderDashboard(pane, state.settings.lang, state.countries, (code, name) => {
      state.chips = addChip([], { kind: "country", code, name });
      state.view = "items";
      drawToolbar();
      drawSidebar();
      drawView();
    }).catch(showError);
  } else if (state.view === "brief") {
    const pane = h("div", { class: "brief", id: "brief" });
    content.replaceChildren(pane);
    void renderBrief(pane, state.settings.lang, showError);
  } else {
    content.replaceChildren(settingsView());
  }
  drawSidebarActive();
  return shown;
}

function drawSidebarActive(): void {
  document.body.dataset.view = state.view;
}

function settingsView(): HTMLElement {
  const s = state.settings;
  const change = (patch: Partial<Settings>) => {
    state.settings = { ...state.settings, ...patch };
    saveSettings(state.settings);
    applyTheme();
    schedule();
    drawSidebar();
    drawToolbar();
    content.replaceChildren(settingsView());
  };
  const select = <T extends string | number>(id: string, value: T, options: [T, string][], on: (v: string) => void) => {
    const el = h("select", { id }, ...options.map(([v, label]) => h("option", { text: label, attrs: String(v) === String(value) ? { value: String(v), selected: "" } : { value: String(v) } })));
    el.addEventListener("change", () => on(el.value));
    return el;
  };
  const remote = h("input", { id: "setting-remote-images", attrs: { type: "checkbox" } });
  remote.checked = s.remoteImages;
  remote.addEventListener("change", () => change({ remoteImages: remote.checked }));
  return h(
    "div",
    { class: "settings", id: "settings" },
    h("h2", { text: L("settings") }),
    h("label", {}, h("span", { text: L("refreshInterval") }), select("setting-interval", s.refreshMinutes, [[0, L("off")], ...[15, 30, 60, 120, 240].map((n) => [n, L("minutes", { n })] as [number, string])], (v) => change({ refreshMinutes: Number(v) }))),
    h("label", {}, h("span", { text: L("theme") }), select("setting-theme", s.theme, [["system", L("themeSystem")], ["light", L("themeLight")], ["dark", L("themeDark")]], (v) => change({ theme: v as Settings["theme"] }))),
    h("label", {}, h("span", { text: L("interfaceLanguage") }), select("setting-lang", s.lang, LANGS.map((l) => [l, { en: "English", fr: "Français", nl: "Nederlands" }[l]] as [Lang, string]), (v) => change({ lang: v as Lang }))),
    h("label", {}, remote, h("span", { text: L("remoteImages") })),
    h("p", { class: "muted small", text: L("remoteImagesHint") }),
  );
}

// ---------- refresh ----------

let queued: { sources?: number[]; scheduled: boolean } | null = null;

async function refresh(sources?: number[], scheduled = false): Promise<void> {
  if (state.refreshing) {
    // One refresh at a time; a request made meanwhile runs right after (the latest wins).
    queued = { sources, scheduled };
    return;
  }
  state.refreshing = true;
  drawSidebar();
  try {
    const summary = await api.refresh(sources, scheduled);
    state.refreshStatus = L("refreshDone", { new: summary.new, errors: summary.errors });
    if (summary.retagged > 0) state.refreshStatus += ` · ${L("retagged", { n: summary.retagged })}`;
    status.textContent = state.refreshStatus;
  } catch (e) {
    if (!(e instanceof AppError && e.kind === "busy")) showError(e);
  } finally {
    state.refreshing = false;
    await loadSources();
    await loadCountries();
    if (state.view === "items") await showList(true);
    document.body.dataset.refreshed = String(Number(document.body.dataset.refreshed ?? "0") + 1);
  }
  if (queued) {
    const next = queued;
    queued = null;
    await refresh(next.sources, next.scheduled);
  }
}

let timer = 0;
function schedule(): void {
  window.clearInterval(timer);
  if (state.settings.refreshMinutes > 0) timer = window.setInterval(() => void refresh(undefined, true), state.settings.refreshMinutes * 60_000);
}

// ---------- keyboard and links ----------

function toggleHelp(show = overlay.classList.contains("hidden")): void {
  overlay.replaceChildren(
    h(
      "div",
      { class: "help-box" },
      h("h2", { text: L("help") }),
      h("table", {}, ...HELP_ROWS.map(([key, label]) => h("tr", {}, h("td", {}, h("kbd", { text: key })), h("td", { text: L(label) })))),
      h("button", { text: L("close"), on: { click: () => toggleHelp(false) } }),
    ),
  );
  overlay.classList.toggle("hidden", !show);
}

document.addEventListener("keydown", (e) => {
  const target = e.target as HTMLElement;
  const inTextField = target.matches("input, textarea, select, [contenteditable]");
  const action = actionFor({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, inTextField });
  if (!action) return;
  e.preventDefault();
  const item = state.current;
  switch (action) {
    case "next":
      if (state.view === "items") list.select(Math.min(list.total - 1, list.selected + 1));
      break;
    case "prev":
      if (state.view === "items") list.select(Math.max(0, list.selected - 1));
      break;
    case "open":
      if (item?.url) void api.openLink(item.url).catch(showError);
      break;
    case "star":
      if (item) document.getElementById("act-star")?.click();
      break;
    case "toggleRead":
      if (item) document.getElementById("act-read")?.click();
      break;
    case "pin":
      if (item) document.getElementById("act-pin")?.click();
      break;
    case "search":
      document.getElementById("search")?.focus();
      break;
    case "help":
      toggleHelp();
      break;
    case "escape":
      toggleHelp(false);
      target.blur();
      break;
  }
});

// Links never navigate the window: web links go to the system browser, anything else is
// ignored. (The window also refuses any navigation away from the app's own pages.)
document.addEventListener("click", (e) => {
  const a = (e.target as HTMLElement).closest("a");
  if (!a) return;
  e.preventDefault();
  const href = a.getAttribute("href");
  if (href && /^https?:\/\//i.test(href)) void api.openLink(href).catch(showError);
});

// ---------- start ----------

async function start(): Promise<void> {
  applyTheme();
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", applyTheme);
  document.getElementById("app")!.replaceChildren(h("div", { class: "shell" }, sidebar, h("main", {}, toolbar, content, status)), overlay);
  await api.onRefreshProgress((p) => {
    if (p.type === "started") status.textContent = L("refreshing", { done: 0, total: p.sources });
    if (p.type === "source") {
      status.textContent = L("refreshing", { done: p.done, total: p.total });
      void loadSources();
    }
    if (p.type === "retagging") status.textContent = L("retagging", { done: p.done, total: p.total });
  });
  drawToolbar();
  // The list first: everything else waits until it is painted, as the archive serves one
  // request at a time and the sidebar's counts and the dashboard's figures can come later.
  await drawView();
  await loadSources();
  await loadCountries();
  schedule();
  // The archive is readable at once; the network comes a moment after, so that the first
  // screen is not drawn while the refresh competes for the disk and the processor.
  window.setTimeout(() => void refresh(undefined, true), START_REFRESH_DELAY_MS);
}

/** How long after the first list is painted the start-up refresh begins. */
const START_REFRESH_DELAY_MS = 1500;

void start().catch(showError);
