// The receipt page: fetches the capture the form submitted (through the bookshop's backend, which
// holds the admin token), decodes and verifies its receipt against the server's JWKS with Web
// Crypto, and follows each permission until İYS has it.
import { appendRow, withHeadings } from './demo-table.js';
import { getJson, showStatus, sleep, t } from './demo-text.js';

/**
 * @typedef {import('./demo-text.js').Channel} Channel
 * @typedef {{
 *   siteKey: string,
 *   consentDate: string,
 *   channels: { type: Channel, checked: boolean, verify?: 'code' | 'link' }[],
 *   purposes: { id: string, granted: boolean }[],
 * }} CaptureRecord
 *   the parts of a capture's record this page shows
 * @typedef {{ type: Channel, state: import('./demo-text.js').MovementState }} Movement
 *   a permission on its way to İYS
 * @typedef {{ channels: Channel[], state: string, confirmationId?: string }} HeldVerification
 *   a verification of the capture's held channels, as the admin API names it
 * @typedef {{ movements?: Movement[], verifications?: HeldVerification[] }} CaptureProgress
 *   what the admin API says of a capture's way to İYS
 */

/** The page's element `id`: makbuz.html has each one this script names. */
const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const id = new URLSearchParams(location.search).get('id');
const status = $('durum');
const en = document.documentElement.lang.startsWith('en');

/** @param {string} text */
function base64UrlBytes(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
/** @param {string} part */
const decodeJson = (part) => JSON.parse(new TextDecoder().decode(base64UrlBytes(part)));

/**
 * Verifies a compact EdDSA JWS with the key of its `kid` from the server's JWKS.
 * @param {string} jws
 * @returns {Promise<{ ok: boolean | undefined, kid: string }>} `ok` undefined: no Ed25519 here
 */
async function verifyReceipt(jws) {
  // A compact JWS has three parts.
  const [headerPart, payloadPart, signaturePart] = /** @type {[string, string, string]} */ (
    jws.split('.')
  );
  const header = decodeJson(headerPart);
  const { body } = await getJson('/.well-known/jwks.json');
  /** @type {JsonWebKey | undefined} */
  const jwk = body?.keys?.find((/** @type {{ kid?: string }} */ k) => k.kid === header.kid);
  if (!jwk) return { ok: false, kid: header.kid };
  try {
    const key = await crypto.subtle.importKey('jwk', jwk, { name: 'Ed25519' }, false, ['verify']);
    const ok = await crypto.subtle.verify(
      { name: 'Ed25519' },
      key,
      base64UrlBytes(signaturePart),
      new TextEncoder().encode(`${headerPart}.${payloadPart}`),
    );
    return { ok, kid: header.kid };
  } catch {
    return { ok: undefined, kid: header.kid };
  }
}

/** The permissions' table: each row a channel, with the choice made and its way to İYS. */
const permissions = withHeadings($('kanallar'), [t.columns.channel, t.columns.choice, 'İYS']);

/**
 * The capture's movements with those its confirmations released (a confirmed channel goes to İYS
 * by the confirmation record, docs/verification.md#records), and the held channels that expired.
 * @param {CaptureProgress} capture
 * @returns {Promise<{ movements: Movement[], expired: Channel[] }>}
 */
async function progressOf(capture) {
  const movements = [...(capture.movements ?? [])];
  /** @type {Channel[]} */
  const expired = [];
  for (const v of capture.verifications ?? []) {
    if (v.state === 'expired') expired.push(...v.channels);
    if (!v.confirmationId) continue;
    const confirmation = await getJson(`/demo/api/captures/${v.confirmationId}`);
    if (confirmation.ok) movements.push(...(confirmation.body.movements ?? []));
  }
  return { movements, expired };
}

/**
 * @param {CaptureRecord} record
 * @param {{ movements: Movement[], expired: Channel[] }} progress
 */
function showChannels(record, { movements, expired }) {
  permissions.replaceChildren();
  for (const channel of record.channels) {
    const movement = movements.find((m) => m.type === channel.type);
    // A held channel (docs/verification.md#records) has no movement until it is confirmed.
    const state =
      movement?.state ??
      (!channel.verify ? 'none' : expired.includes(channel.type) ? 'expired' : 'held');
    const text = t.states[state] ?? state;
    const kind = state === 'delivered' ? 'ok' : state === 'dead' ? 'bad' : undefined;
    const row = appendRow(permissions, [
      t.channelNames[channel.type] ?? channel.type,
      channel.checked ? { text: `${t.yes} (ONAY)`, kind: 'ok' } : t.no,
      kind ? { text, kind } : text,
    ]);
    row.dataset.channel = channel.type;
    /** @type {HTMLTableCellElement} */ (row.cells[2]).dataset.state = state;
  }
}

/** @param {CaptureRecord} record */
async function showPurposes(record) {
  const view = await getJson(`/v1/sites/${record.siteKey}/widget?locale=${en ? 'en' : 'tr'}`);
  /** @type {Map<string, any>} each purpose's label as the widget's view gives it */
  const labels = new Map(
    (view.body?.purposes ?? []).map((/** @type {{ id: string, label: unknown }} */ p) => [
      p.id,
      p.label,
    ]),
  );
  const list = $('amaclar');
  list.replaceChildren(
    ...record.purposes.map((p) => {
      const item = document.createElement('li');
      const label = labels.get(p.id);
      item.textContent = `${(en ? label?.en : label?.tr) ?? label ?? p.id} — ${p.granted ? t.yes : t.no}`;
      return item;
    }),
  );
}

async function main() {
  if (!id) return showStatus(status, t.noId, 'bad');
  /** @type {HTMLAnchorElement} */ ($('iys-link')).search = `?id=${id}`;
  /** @type {HTMLAnchorElement} */ ($('lang-link')).search = `?id=${id}`;
  showStatus(status, t.waiting);
  /** @type {{ record: CaptureRecord, receipt: string } & CaptureProgress} */
  let capture;
  // The capture may still be on its way (the widget retries what an offline page left behind).
  for (;;) {
    const answer = await getJson(`/demo/api/captures/${id}`);
    if (answer.ok) {
      capture = answer.body;
      break;
    }
    await sleep(1000);
  }
  showStatus(status, '');
  const { record, receipt } = capture;
  $('kayit').hidden = false;
  $('tarih').textContent = record.consentDate;
  /** @type {HTMLTextAreaElement} */ ($('jws')).value = receipt;
  const [headerPart, payloadPart] = /** @type {[string, string, string]} */ (receipt.split('.'));
  $('baslik').textContent = JSON.stringify(decodeJson(headerPart), null, 2);
  $('icerik-json').textContent = JSON.stringify(decodeJson(payloadPart), null, 2);
  const file = `izinli-receipt-${id}.jws`;
  /** @type {HTMLAnchorElement} */ ($('indir')).href = `/demo/api/captures/${id}/receipt.jws`;
  /** @type {HTMLAnchorElement} */ ($('jwks')).href = `${location.origin}/.well-known/jwks.json`;
  $('jwks').textContent = `${location.origin}/.well-known/jwks.json`;
  $('komut').textContent =
    `node server/dist/cli/main.js verify receipt ~/Downloads/${file} \\\n  --jwks ${location.origin}/.well-known/jwks.json`;
  await showPurposes(record);

  const verdict = await verifyReceipt(receipt);
  const signature = $('imza');
  if (verdict.ok === true) showStatus(signature, t.signatureOk(verdict.kid), 'ok');
  else if (verdict.ok === false) showStatus(signature, t.signatureBad, 'bad');
  else showStatus(signature, t.signatureUnsupported);
  signature.dataset.valid = String(verdict.ok);

  let progress = await progressOf(capture);
  showChannels(record, progress);
  const settled = (/** @type {Movement} */ m) =>
    ['delivered', 'already-current', 'dead'].includes(m.state);
  // A held channel's movement appears once its owner confirms (a code, or the e-mail's link).
  const waiting = () =>
    !progress.movements.every(settled) ||
    record.channels.some(
      (c) =>
        c.verify &&
        !progress.expired.includes(c.type) &&
        !progress.movements.some((m) => m.type === c.type),
    );
  while (waiting()) {
    await sleep(1000);
    const answer = await getJson(`/demo/api/captures/${id}`);
    if (answer.ok) progress = await progressOf(answer.body);
    showChannels(record, progress);
  }
}

main().catch((error) => showStatus(status, String(error), 'bad'));
