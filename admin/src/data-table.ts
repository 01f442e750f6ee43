// The console's tables and its pager, one of each: a table sits in a scroll region the keyboard
// can reach (tabindex, role="region" named by the heading or summary above it: axe's
// scrollable-region-focusable), its column headers carry scope="col", and a cursor-paged list
// shows "page n · m rows" (data-page, data-rows) above its table and the previous/next buttons
// (#previous, #next) below.
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { say } from './i18n/index.js';
import type { AdminLocale } from './i18n/index.js';

export interface TableOptions<T> {
  /** The table's id (the e2e test and the views' links find it by it). */
  id: string;
  /** The id of the heading or summary that names the scroll region. */
  labelledBy: string;
  /** The column headers' texts, in order. */
  columns: readonly string[];
  rows: readonly T[];
  /** One `<tr>` (its `data-*` attributes are the row's identity for tests). */
  row: (item: T, index: number) => TemplateResult;
  /** Shown instead of the table when there are no rows; without it an empty table is shown. */
  empty?: string;
}

/** A table in its keyboard-reachable scroll region, or the `empty` sentence. */
export function dataTable<T>(options: TableOptions<T>): TemplateResult {
  const { id, labelledBy, columns, rows, row, empty } = options;
  if (empty !== undefined && rows.length === 0) return html`<p>${empty}</p>`;
  return html`<div class="scroll" tabindex="0" role="region" aria-labelledby=${labelledBy}>
    <table id=${id}>
      <thead>
        <tr>
          ${columns.map((column) => html`<th scope="col">${column}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(row)}
      </tbody>
    </table>
  </div>`;
}

/**
 * A section holding one table under its heading `<id>-title`, which names the table's scroll
 * region; `after` follows the table inside the section.
 */
export function tableSection<T>(
  title: string,
  options: Omit<TableOptions<T>, 'labelledBy'>,
  after: TemplateResult | string = '',
): TemplateResult {
  const titleId = `${options.id}-title`;
  return html`<section>
    <h2 id=${titleId}>${title}</h2>
    ${dataTable({ ...options, labelledBy: titleId })} ${after}
  </section>`;
}

export interface PagedTableOptions<T> extends Omit<TableOptions<T>, 'labelledBy' | 'empty'> {
  locale: AdminLocale;
  /** The number of the page on screen, from 1. */
  page: number;
  hasNext: boolean;
  go: (step: 1 | -1) => void;
  empty: string;
}

/**
 * One page of a cursor-paged list: the summary `#<id>-summary` (which names the scroll region),
 * the table, and the pager.
 */
export function pagedTable<T>(options: PagedTableOptions<T>): TemplateResult {
  const { locale, page, hasNext, go, ...table } = options;
  const summary = `${table.id}-summary`;
  const pageText = say(locale, 'pageN', { n: page });
  return html`<p id=${summary} data-page=${page} data-rows=${table.rows.length}>
      ${pageText} · ${say(locale, 'rowsShown', { n: table.rows.length })}
    </p>
    ${dataTable({ ...table, labelledBy: summary })}
    <nav class="pager" aria-label=${pageText}>
      <button type="button" id="previous" ?disabled=${page <= 1} @click=${() => go(-1)}>
        ${say(locale, 'previous')}
      </button>
      <button type="button" id="next" ?disabled=${!hasNext} @click=${() => go(1)}>
        ${say(locale, 'next')}
      </button>
    </nav>`;
}
