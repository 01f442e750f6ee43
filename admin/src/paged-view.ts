// A view of one cursor-paged admin list (captures, deliveries): next and previous pages follow
// the API's cursor, kept as a stack of the cursors that led to the page on screen.
import type { TemplateResult } from 'lit';
import { AdminView, states } from './admin-view.js';
import type { AdminApi } from './api.js';
import type { Page } from './api-types.js';
import { pagedTable } from './data-table.js';
import type { PagedTableOptions } from './data-table.js';

export abstract class PagedView<T> extends AdminView {
  static override properties = states('page', 'cursors', 'shownPage');
  declare page: Page<T> | undefined;
  /** The cursor of each page shown so far; the last is the current page's. */
  declare cursors: (string | undefined)[];
  /** The number of the page on screen (the cursors may already name the next one). */
  declare shownPage: number;

  constructor() {
    super();
    this.cursors = [undefined];
    this.shownPage = 1;
  }

  /** The page that starts at `cursor` (the first page when undefined). */
  protected abstract loadPage(api: AdminApi, cursor: string | undefined): Promise<Page<T>>;

  protected async load(api: AdminApi) {
    const cursors = this.cursors;
    this.page = await this.loadPage(api, cursors.at(-1));
    this.shownPage = cursors.length;
  }

  /** Back to the first page (the filters changed), loaded again. */
  protected firstPage() {
    this.cursors = [undefined];
    void this.reload();
  }

  private go(step: 1 | -1) {
    this.cursors =
      step === 1 ? [...this.cursors, this.page?.nextCursor] : this.cursors.slice(0, -1);
    void this.reload();
  }

  /** The page on screen as a paged table, or nothing before the first answer. */
  protected pageTable(
    table: Pick<PagedTableOptions<T>, 'id' | 'columns' | 'row' | 'empty'>,
  ): TemplateResult | '' {
    if (!this.page) return '';
    return pagedTable({
      ...table,
      rows: this.page.items,
      locale: this.locale,
      page: this.shownPage,
      hasNext: Boolean(this.page.nextCursor),
      go: (step) => this.go(step),
    });
  }
}
