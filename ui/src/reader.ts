// The reading pane: an item's text with its evidence highlighted by voice, its countries with
// why each was tagged, the formatted original, the reader's marks and note.

import { api, type Item } from "./api";
import { h, formatDateTime } from "./dom";
import { segment, renderSegments, taggedText, type Annotation } from "./highlight";
import { t, type Lang } from "./i18n";
import { safeFragment } from "./safehtml";

export interface ReaderContext {
  lang: Lang;
  remoteImages: boolean;
  onChange: (item: Item) => void;
}

export function annotations(item: Item, lang: Lang): Annotation[] {
  const out: Annotation[] = [];
  for (const s of item.government) out.push({ start: s.start, end: s.end, mark: "gov" });
  for (const s of item.ngoConcern) out.push({ start: s.start, end: s.end, mark: "ngo" });
  for (const c of item.countries) {
    for (const s of c.evidence) out.push({ start: s.start, end: s.end, mark: "country", label: t(lang, "whyTag", { country: c.name, text: s.text }) });
  }
  return out;
}

export function voiceLabel(stance: string, lang: Lang): string {
  switch (stance) {
    case "government":
      return t(lang, "voiceGovernment");
    case "ngo_concern":
      return t(lang, "voiceNgo");
    case "both":
      return t(lang, "voiceBoth");
    default:
      return t(lang, "voiceNeither");
  }
}

export function renderReader(pane: HTMLElement, item: Item, ctx: ReaderContext): void {
  const { lang } = ctx;
  const hasEvidence = item.government.length > 0 || item.ngoConcern.length > 0 || item.countries.some((c) => c.evidence.length > 0);
  let mode: "evidence" | "formatted" = hasEvidence || !item.contentHtml ? "evidence" : "formatted";

  const body = h("div", { class: "reader-body" });
  const drawBody = () => {
    body.replaceChildren();
    evidenceTab.classList.toggle("active", mode === "evidence");
    formattedTab.classList.toggle("active", mode === "formatted");
    if (mode === "evidence") {
      const text = h("div", { class: "evidence-text", id: "evidence-text" });
      renderSegments(text, segment(taggedText(item.title, item.contentText), annotations(item, lang)));
      body.append(text);
    } else {
      const html = h("div", { class: "formatted" });
      html.append(safeFragment(item.contentHtml ?? "", { remoteImages: ctx.remoteImages, imagePlaceholder: t(lang, "imageBlocked") }));
      body.append(html);
    }
  };
  const evidenceTab = h("button", { class: "tab", text: t(lang, "evidence"), on: { click: () => ((mode = "evidence"), drawBody()) } });
  const formattedTab = h("button", { class: "tab", text: t(lang, "formatted"), on: { click: () => ((mode = "formatted"), drawBody()) } });

  const toggle = (label: string, on: boolean, id: string, change: () => Promise<void>) =>
    h("button", { class: `action${on ? " on" : ""}`, id, text: label, on: { click: () => void change() } });

  const update = async (change: { read?: boolean; starred?: boolean; pinned?: boolean }) => {
    await api.setItemState(item.id, change);
    Object.assign(item, change);
    ctx.onChange(item);
    renderReader(pane, item, ctx);
  };

  const note = h("textarea", { class: "note", id: "note", attrs: { placeholder: t(lang, "note"), rows: "3" } });
  note.value = item.note ?? "";
  let saveTimer = 0;
  const saveNote = async () => {
    window.clearTimeout(saveTimer);
    if ((item.note ?? "") === note.value.trim()) return;
    await api.setNote(item.id, note.value);
    item.note = note.value.trim() || null;
    ctx.onChange(item);
  };
  note.addEventListener("input", () => {
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(() => void saveNote(), 600);
  });
  note.addEventListener("blur", () => void saveNote());

  const countries = h(
    "div",
    { class: "country-tags" },
    ...item.countries.map((c) =>
      h("span", {
        class: `chip country${c.focus ? " focus" : ""}`,
        text: c.name,
        title: c.evidence.length ? c.evidence.map((s) => t(lang, "whyTag", { country: c.name, text: s.text })).join("\n") : c.code,
      }),
    ),
  );

  pane.replaceChildren(
    h(
      "header",
      { class: "reader-head" },
      h("h1", { class: "reader-title", id: "reader-title", text: item.title }),
      h(
        "div",
        { class: "meta" },
        h("span", { text: item.sourceName }),
        h("span", { text: formatDateTime(item.published ?? item.fetchedAt, lang) }),
        item.author ? h("span", { text: item.author }) : null,
        h("span", { class: `badge voice-${item.stance}`, text: voiceLabel(item.stance, lang) }),
      ),
      countries,
      h(
        "div",
        { class: "actions" },
        toggle(item.read ? t(lang, "markUnread") : t(lang, "markRead"), !item.read, "act-read", () => update({ read: !item.read })),
        toggle(item.starred ? t(lang, "unstar") : t(lang, "star"), item.starred, "act-star", () => update({ starred: !item.starred })),
        toggle(item.pinned ? t(lang, "unpin") : t(lang, "pin"), item.pinned, "act-pin", () => update({ pinned: !item.pinned })),
        item.url ? h("button", { class: "action", id: "act-open", text: t(lang, "openInBrowser"), on: { click: () => void api.openLink(item.url!) } }) : null,
      ),
      note,
      h("div", { class: "tabs" }, evidenceTab, formattedTab),
    ),
    body,
  );
  if (item.extractError) pane.append(h("p", { class: "muted", text: item.extractError }));
  drawBody();
}
