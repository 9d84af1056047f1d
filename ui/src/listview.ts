// The virtualized item list: a scroll spacer, a pool of row elements for what is in view, and
// a page cache filled from the archive as the view moves.

import type { ItemRow } from "./api";
import { computeWindow, pagesFor, pagesToDrop, planPage, scrollTopFor, type PageAt } from "./vlist";

export const ROW_HEIGHT = 64;
const PAGE_SIZE = 50;
/** Pages kept in memory (a window of rows, never the whole list); those farthest from the
 * view are dropped past this. */
const MAX_PAGES = 8;

export interface ListSource {
  /** Loads the page at `offset`; `at` says how to find it faster when the source can (a keyset
   * anchor from a neighbouring page, or an offset from the far end). Returns its rows and,
   * when known, the total. */
  page(offset: number, limit: number, at?: PageAt): Promise<{ rows: ItemRow[]; total?: number }>;
  count(): Promise<number>;
}

export class ListView {
  readonly root: HTMLElement;
  private spacer: HTMLElement;
  private pool: HTMLElement[] = [];
  private pages = new Map<number, ItemRow[]>();
  private loading = new Set<number>();
  private source: ListSource | null = null;
  private generation = 0;
  total = 0;
  selected = -1;
  private frame = 0;
  /** The page the top of the view is in: the cache keeps the pages nearest to it. */
  private viewPage = 0;

  constructor(
    private renderRow: (el: HTMLElement, row: ItemRow | undefined, selected: boolean) => void,
    private onSelect: (index: number, row: ItemRow) => void,
    private onTotal: (total: number) => void,
  ) {
    this.root = document.createElement("div");
    this.root.className = "list";
    this.root.tabIndex = 0;
    this.spacer = document.createElement("div");
    this.spacer.className = "list-spacer";
    this.root.append(this.spacer);
    this.root.addEventListener("scroll", () => this.schedule());
    this.root.addEventListener("click", (e) => {
      const rowEl = (e.target as HTMLElement).closest<HTMLElement>(".row");
      if (!rowEl) return;
      this.select(Number(rowEl.dataset.index));
    });
    new ResizeObserver(() => this.schedule()).observe(this.root);
  }

  /** Shows another list; the first page and the total load together. */
  async setSource(source: ListSource, keepSelection = false): Promise<void> {
    const gen = ++this.generation;
    this.source = source;
    const first = await source.page(0, PAGE_SIZE);
    const total = first.total ?? (await source.count());
    if (gen !== this.generation) return;
    this.pages.clear();
    this.loading.clear();
    this.pages.set(0, first.rows);
    this.total = total;
    if (!keepSelection) {
      this.selected = -1;
      this.root.scrollTop = 0;
    } else if (this.selected >= total) {
      this.selected = total - 1;
    }
    this.onTotal(total);
    this.draw();
  }

  /** Reloads the current list where it is (after a refresh or a change of marks). */
  async reload(): Promise<void> {
    if (this.source) await this.setSource(this.source, true);
  }

  rowAt(index: number): ItemRow | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  /** Changes a row in the cache and redraws it (a mark toggled in the reading pane). */
  patch(id: number, change: Partial<ItemRow>): void {
    for (const rows of this.pages.values()) {
      const row = rows.find((r) => r.id === id);
      if (row) Object.assign(row, change);
    }
    this.draw();
  }

  select(index: number): void {
    if (index < 0 || index >= this.total) return;
    this.selected = index;
    this.root.scrollTop = scrollTopFor(index, this.root.scrollTop, this.root.clientHeight, ROW_HEIGHT, this.total);
    this.draw();
    const row = this.rowAt(index);
    if (row) this.onSelect(index, row);
    else void this.ensurePage(Math.floor(index / PAGE_SIZE)).then(() => this.select(index));
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private async ensurePage(page: number): Promise<void> {
    if (this.pages.has(page) || this.loading.has(page) || !this.source) return;
    const gen = this.generation;
    this.loading.add(page);
    try {
      const prev = this.pages.get(page - 1);
      const next = this.pages.get(page + 1);
      const anchor = (row: ItemRow | undefined) => (row ? { time: row.time, id: row.id } : undefined);
      const plan = planPage(page, PAGE_SIZE, this.total, prev?.length === PAGE_SIZE ? anchor(prev[PAGE_SIZE - 1]) : undefined, anchor(next?.[0]));
      const { rows } = await this.source.page(page * PAGE_SIZE, plan.limit, plan.at);
      if (gen !== this.generation) return;
      this.pages.set(page, rows);
      for (const drop of pagesToDrop([...this.pages.keys()], this.viewPage, MAX_PAGES)) {
        if (drop !== page) this.pages.delete(drop);
      }
      this.draw();
    } finally {
      this.loading.delete(page);
    }
  }

  private draw(): void {
    const viewport = this.root.clientHeight || 600;
    const win = computeWindow(this.root.scrollTop, viewport, ROW_HEIGHT, this.total);
    this.viewPage = Math.floor(win.first / PAGE_SIZE);
    this.spacer.style.height = `${win.scrollHeight}px`;
    for (const page of pagesFor(win.first, win.count, PAGE_SIZE)) void this.ensurePage(page);
    while (this.pool.length < win.count) {
      const el = document.createElement("div");
      el.className = "row";
      el.style.height = `${ROW_HEIGHT}px`;
      this.spacer.append(el);
      this.pool.push(el);
    }
    this.pool.forEach((el, i) => {
      if (i >= win.count) {
        // A row out of use holds nothing, so nothing reads a stale item from it.
        el.style.display = "none";
        delete el.dataset.id;
        delete el.dataset.index;
        el.replaceChildren();
        return;
      }
      const index = win.first + i;
      el.style.display = "";
      el.style.transform = `translateY(${win.top + i * ROW_HEIGHT}px)`;
      el.dataset.index = String(index);
      this.renderRow(el, this.rowAt(index), index === this.selected);
    });
  }
}
