// The citizen's page: a refusal (or a permission) made on İYS, through the demo backend's
// `POST /demo/api/citizen` (which calls the simulator's `POST /__sim/citizen/consents`), then what
// İYS holds, what izinli's pre-send check answers and which webhooks the bookshop received.
import { appendRow, withHeadings } from './demo-table.js';
import { getJson, showStatus, sleep, t } from './demo-text.js';

/**
 * @typedef {import('./demo-text.js').Channel} Channel
 * @typedef {{
 *   type: Channel,
 *   status: import('./demo-text.js').ConsentStatus,
 *   source: string,
 *   consentDate: string,
 * }} IysRecord
 *   one of İYS's records, as the simulator lists them
 * @typedef {{ id: string, type: string, receivedAt: string, data?: any }} Webhook
 *   an event the bookshop's receiver kept
 * @typedef {import('./demo-table.js').Cell} Cell
 */

/** The page's element `id`: iys.html has each one this script names. */
const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const form = /** @type {HTMLFormElement} */ ($('vatandas'));
const status = $('durum');
/** @type {Channel[]} */
const CHANNELS = ['MESAJ', 'ARAMA', 'EPOSTA'];
const phoneInput = /** @type {HTMLInputElement} */ ($('telefon'));
const emailInput = /** @type {HTMLInputElement} */ ($('eposta'));
/** @param {string} type */
const recipientFor = (type) => (type === 'EPOSTA' ? emailInput.value : phoneInput.value).trim();

const { columns } = t;
/** İYS's records for the person's phone and e-mail address, a row each. */
const records = withHeadings($('kayitlar'), [
  columns.channel,
  columns.status,
  columns.source,
  columns.consentDate,
]);
/** What izinli's pre-send check answers, a row for each channel. */
const checks = withHeadings($('kontrol'), [columns.channel, columns.answer, columns.status]);

async function refreshIys() {
  /** @type {IysRecord[]} */
  const rows = [];
  for (const [type, recipient] of /** @type {[Channel, string][]} */ ([
    ['MESAJ', recipientFor('MESAJ')],
    ['EPOSTA', recipientFor('EPOSTA')],
  ])) {
    if (!recipient) continue;
    const answer = await getJson(`/demo/api/iys?${new URLSearchParams({ type, recipient })}`);
    if (answer.ok) rows.push(...answer.body);
  }
  records.replaceChildren();
  rows.sort((a, b) => CHANNELS.indexOf(a.type) - CHANNELS.indexOf(b.type));
  for (const r of rows) {
    const kind = r.status === 'ONAY' ? 'ok' : 'bad';
    /** @type {Cell[]} */
    const cells = [t.channelNames[r.type], { text: r.status, kind }, r.source, r.consentDate];
    appendRow(records, cells).dataset.channel = r.type;
  }
  if (rows.length === 0) appendRow(records, [t.noIysRecords]);
}

async function refreshChecks() {
  /** @type {[Channel, Cell, string, boolean][]} */
  const rows = [];
  for (const type of CHANNELS) {
    const recipient = recipientFor(type);
    if (!recipient) continue;
    const answer = await getJson(`/demo/api/check?${new URLSearchParams({ type, recipient })}`);
    if (!answer.ok) continue;
    const { allowed, status: state, source } = answer.body;
    /** @type {Cell} */
    const verdict = { text: allowed ? t.allowed : t.notAllowed, kind: allowed ? 'ok' : 'bad' };
    rows.push([type, verdict, state ? `${state} (${source})` : t.noRecord, allowed]);
  }
  checks.replaceChildren();
  for (const [type, verdict, state, allowed] of rows) {
    const tr = appendRow(checks, [t.channelNames[type], verdict, state]);
    tr.dataset.channel = type;
    tr.dataset.allowed = String(allowed);
  }
}

/**
 * True when webhook `w` is about the person on this page (by phone or e-mail).
 * @param {Webhook} w
 */
function concernsPerson(w) {
  const mine = [phoneInput.value.trim(), emailInput.value.trim().toLowerCase()].filter(Boolean);
  const data = w.data ?? {};
  return [data.recipient, data.person?.phone, data.person?.email].some((a) => mine.includes(a));
}

const timeFormat = new Intl.DateTimeFormat(document.documentElement.lang, {
  timeStyle: 'medium',
  timeZone: 'Europe/Istanbul',
});

async function refreshWebhooks() {
  const answer = await getJson('/demo/api/webhooks');
  /** @type {Webhook[]} */
  const items = (answer.body?.items ?? []).filter(concernsPerson);
  const list = $('webhooklar');
  list.replaceChildren(
    ...(items.length === 0
      ? [Object.assign(document.createElement('li'), { textContent: t.noWebhooks })]
      : items.map((w) => {
          const li = document.createElement('li');
          li.dataset.type = w.type;
          const what = [w.data?.type, w.data?.status].filter(Boolean).join(' ');
          const code = document.createElement('code');
          code.textContent = w.type;
          li.append(code, ` ${what} · ${timeFormat.format(new Date(w.receivedAt))}`);
          return li;
        })),
  );
}

async function refresh() {
  await Promise.all([refreshIys(), refreshChecks(), refreshWebhooks()]);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const type = String(data.get('type'));
  const answer = await getJson('/demo/api/citizen', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type, status: data.get('status'), recipient: recipientFor(type) }),
  });
  if (answer.ok) showStatus(status, t.saved(type, answer.body.status), 'ok');
  else
    showStatus(status, `${t.citizenFailed} ${answer.body?.error?.message ?? answer.status}`, 'bad');
  await refresh();
});

async function main() {
  const id = new URLSearchParams(location.search).get('id');
  if (id) {
    /** @type {HTMLAnchorElement} */ ($('lang-link')).search = `?id=${id}`;
    const answer = await getJson(`/demo/api/captures/${encodeURIComponent(id)}`);
    const person = answer.body?.record?.person;
    if (person?.phone) phoneInput.value = person.phone;
    if (person?.email) emailInput.value = person.email;
  }
  for (;;) {
    await refresh().catch(() => undefined);
    await sleep(1500);
  }
}

void main();
