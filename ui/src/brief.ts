// The brief builder: the pinned items with their notes, a title, a preview, and export to
// Markdown, HTML, Word or PDF through the native save dialog.

import { api } from "./api";
import { h } from "./dom";
import { t, type Lang } from "./i18n";

let title = "";

export async function renderBrief(pane: HTMLElement, lang: Lang, onError: (e: unknown) => void): Promise<void> {
  const pinned = await api.pinnedItems();
  const titleInput = h("input", { id: "brief-title", attrs: { placeholder: t(lang, "briefTitle"), value: title } });
  titleInput.value = title;
  titleInput.addEventListener("input", () => (title = titleInput.value));
  const preview = h("pre", { class: "brief-preview", id: "brief-preview" });
  const result = h("p", { class: "muted", id: "brief-result" });

  const items = pinned.map((item) => {
    const note = h("textarea", { class: "note", attrs: { rows: "2", placeholder: t(lang, "note") } });
    note.value = item.note ?? "";
    note.addEventListener("change", () => void api.setNote(item.id, note.value).catch(onError));
    return h(
      "div",
      { class: "brief-item", attrs: { "data-id": String(item.id) } },
      h("div", { class: "brief-item-head" }, h("strong", { text: item.title }), h("button", { class: "link", text: t(lang, "unpin"), on: { click: () => void api.setItemState(item.id, { pinned: false }).then(() => renderBrief(pane, lang, onError)) } })),
      h("div", { class: "muted small", text: item.sourceName }),
      note,
    );
  });

  const exportButton = (format: string) =>
    h("button", {
      id: `export-${format}`,
      text: t(lang, "exportAs", { format: format.toUpperCase() }),
      on: {
        click: () => {
          result.textContent = "…";
          api
            .exportBrief(format, title)
            .then((r) => (result.textContent = t(lang, "exported", { path: r.path })))
            .catch((e) => {
              result.textContent = "";
              onError(e);
            });
        },
      },
    });

  pane.replaceChildren(
    h("h2", { text: t(lang, "brief") }),
    titleInput,
    pinned.length ? h("div", { class: "brief-items" }, ...items) : h("p", { class: "muted", text: t(lang, "noPinned") }),
    h(
      "div",
      { class: "actions" },
      h("button", { id: "brief-preview-button", text: t(lang, "preview"), on: { click: () => void api.briefPreview(title).then((md) => (preview.textContent = md)).catch(onError) } }),
      ...["md", "html", "docx", "pdf"].map(exportButton),
    ),
    result,
    preview,
  );
}
