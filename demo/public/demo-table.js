// The demo pages' tables, whose rows their scripts write: a script writes the head row too, from
// the headings of the cells it writes, so the head and the rows cannot disagree on the columns.

/**
 * @typedef {string | { text: string, kind: 'ok' | 'bad' } | undefined} Cell
 *   a cell's text, or its badge
 */

/**
 * Writes the head row of the table whose body is `body`: a column header for each of `headings`.
 * Returns `body`.
 * @param {HTMLElement} body the page's `<tbody>`, directly in its `<table>`
 * @param {string[]} headings
 * @returns {HTMLTableSectionElement}
 */
export function withHeadings(body, headings) {
  const table = /** @type {HTMLTableElement} */ (body.parentElement);
  const head = table.createTHead().insertRow();
  for (const heading of headings) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = heading;
    head.append(th);
  }
  return /** @type {HTMLTableSectionElement} */ (body);
}

/**
 * Appends a row of `cells` to `body`, the first cell its row header; returns the row.
 * @param {HTMLTableSectionElement} body
 * @param {Cell[]} cells
 */
export function appendRow(body, cells) {
  const tr = body.insertRow();
  cells.forEach((value, i) => {
    const td = i === 0 ? document.createElement('th') : tr.insertCell();
    if (i === 0) {
      td.scope = 'row';
      tr.append(td);
    }
    if (value && typeof value === 'object') {
      const badge = document.createElement('span');
      badge.className = `badge ${value.kind}`;
      badge.textContent = value.text;
      td.append(badge);
    } else td.textContent = value ?? '';
  });
  return tr;
}
