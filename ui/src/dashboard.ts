// The country dashboard: one country's items over time by voice, its latest government
// statements beside its latest NGO concerns, and a chart comparing the busiest countries.

import { api, type CountryCount, type ItemRow, type MonthCount } from "./api";
import { compareLines, stackedBars } from "./charts";
import { h, formatDate } from "./dom";
import { t, type Lang } from "./i18n";

let chosen: string | null = null;

export async function renderDashboard(pane: HTMLElement, lang: Lang, countries: CountryCount[], openCountry: (code: string, name: string) => void): Promise<void> {
  if (countries.length === 0) countries = await api.countryStats();
  if (countries.length === 0) {
    pane.replaceChildren(h("p", { class: "muted", text: t(lang, "noItems") }));
    return;
  }
  if (!chosen || !countries.some((c) => c.code === chosen)) chosen = countries[0].code;
  const select = h("select", { id: "dashboard-country" }, ...countries.map((c) => h("option", { text: `${c.name} (${c.items})`, attrs: c.code === chosen ? { value: c.code, selected: "" } : { value: c.code } })));
  select.addEventListener("change", () => {
    chosen = select.value;
    void renderDashboard(pane, lang, countries, openCountry);
  });
  const code = chosen;
  const name = countries.find((c) => c.code === code)?.name ?? code;
  const top = countries.slice(0, 5).map((c) => c.code);
  const [months, latest, compare] = await Promise.all([api.countryTimeline([code]), api.countryLatest(code), api.countryTimeline(top)]);
  const byCountry = new Map<string, MonthCount[]>();
  for (const m of compare) byCountry.set(m.code, [...(byCountry.get(m.code) ?? []), m]);
  const names = new Map(countries.map((c) => [c.code, c.name]));

  const column = (title: string, rows: ItemRow[], cls: string) =>
    h(
      "div",
      { class: `latest ${cls}` },
      h("h3", { text: title }),
      ...rows.map((r) => h("div", { class: "latest-row" }, h("div", { text: r.title }), h("div", { class: "muted small", text: `${r.sourceName} · ${formatDate(r.time, lang)}` }))),
    );

  pane.replaceChildren(
    h("div", { class: "dash-head" }, h("label", {}, h("span", { text: `${t(lang, "chooseCountry")}: ` }), select), h("button", { text: "→", title: name, on: { click: () => openCountry(code, name) } })),
    h("h2", { text: `${name}: ${t(lang, "itemsOverTime")}` }),
    legend(lang),
    stackedBars(months),
    h("div", { class: "latest-pair" }, column(t(lang, "latestGov"), latest.government, "gov"), column(t(lang, "latestNgo"), latest.ngoConcern, "ngo")),
    h("h2", { text: t(lang, "compareCountries") }),
    compareLines(byCountry, names),
  );
}

function legend(lang: Lang): HTMLElement {
  const item = (cls: string, label: string) => h("span", { class: "legend-item" }, h("span", { class: `swatch ${cls}` }), h("span", { text: label }));
  return h("div", { class: "legend" }, item("gov", t(lang, "voiceGovernment")), item("ngo", t(lang, "voiceNgo")), item("both", t(lang, "voiceBoth")), item("neither", t(lang, "voiceNeither")));
}
