// The demo's mailbox page: the verification SMS the bookshop's receiver took (its stand-in for an
// SMS provider) and the e-mails the local SMTP catcher took, newest first, refreshed every second
// and a half. Everything is put in the page as text; only http(s) links become links.
import { appendRow, withHeadings } from './demo-table.js';
import { getJson, sleep, t } from './demo-text.js';

/**
 * @typedef {{ to: string, text: string, receivedAt: string }} Sms
 * @typedef {{ id: number, to: string[], from: string, subject: string, text: string,
 *   receivedAt: string }} Mail
 */

/** The page's element `id`: mailbox.html has each one this script names. */
const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const LINK = /https?:\/\/[^\s<>"']+/g;

const timeFormat = new Intl.DateTimeFormat(document.documentElement.lang, {
  timeStyle: 'medium',
  timeZone: 'Europe/Istanbul',
});
const at = (/** @type {string} */ iso) => timeFormat.format(new Date(iso));

/** The SMS table's columns; the cell that says the inbox is empty spans them all. */
const SMS_HEADINGS = [t.columns.to, t.columns.message, t.columns.time];
const smsBody = withHeadings($('smsler'), SMS_HEADINGS);

/**
 * `text` as nodes, each http(s) URL in it a link.
 * @param {string} text
 * @returns {(string | HTMLAnchorElement)[]}
 */
function withLinks(text) {
  /** @type {(string | HTMLAnchorElement)[]} */
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const index = match.index ?? 0;
    nodes.push(text.slice(last, index));
    const a = document.createElement('a');
    a.href = match[0];
    a.textContent = match[0];
    nodes.push(a);
    last = index + match[0].length;
  }
  nodes.push(text.slice(last));
  return nodes;
}

/** @param {Sms[]} items */
function showSms(items) {
  smsBody.replaceChildren();
  if (items.length === 0) {
    const cell = smsBody.insertRow().insertCell();
    cell.colSpan = SMS_HEADINGS.length;
    cell.textContent = t.noSms;
    return;
  }
  for (const sms of items) {
    const row = appendRow(smsBody, [sms.to, sms.text, at(sms.receivedAt)]);
    row.className = 'sms';
    row.dataset.to = sms.to;
    /** @type {HTMLTableCellElement} */ (row.cells[1]).className = 'sms-text';
  }
}

/** @param {Mail[]} items */
function showMails(items) {
  const list = $('postalar');
  if (items.length === 0) {
    list.replaceChildren(Object.assign(document.createElement('p'), { textContent: t.noMail }));
    return;
  }
  list.replaceChildren(
    ...items.map((mail) => {
      const article = document.createElement('article');
      article.className = 'mail';
      article.dataset.to = mail.to.join(', ');
      const subject = document.createElement('h3');
      subject.textContent = mail.subject;
      const meta = document.createElement('p');
      meta.className = 'mail-meta';
      meta.textContent = `${t.mailTo} ${mail.to.join(', ')} · ${t.mailFrom} ${mail.from} · ${at(mail.receivedAt)}`;
      const text = document.createElement('pre');
      text.className = 'mail-text';
      text.tabIndex = 0;
      text.append(...withLinks(mail.text));
      article.append(subject, meta, text);
      return article;
    }),
  );
}

// The text a refresh last drew, so a link being clicked is not replaced under the pointer.
let shown = '';

async function refresh() {
  const [sms, mails] = await Promise.all([getJson('/demo/api/sms'), getJson('/demo/api/mails')]);
  const now = JSON.stringify([sms.body, mails.body]);
  if (now === shown) return;
  shown = now;
  showSms(sms.body?.items ?? []);
  showMails(mails.body?.items ?? []);
}

async function main() {
  for (;;) {
    await refresh().catch(() => undefined);
    await sleep(1500);
  }
}

void main();
