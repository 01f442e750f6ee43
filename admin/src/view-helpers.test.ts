// The views' pure parts: the captures query, the recipient query, the hash routes, İYS codes,
// the reconciliation's differences.
import { describe, expect, it } from 'vitest';
import type { Timeline } from './api-types.js';
import { captureQuery } from './captures-view.js';
import { explainIysCode } from './iys-errors.js';
import { viewOf } from './izinli-admin.js';
import { channelsOf, recipientParams, timelineEntries } from './recipient-view.js';
import { differenceText, newestFirst } from './reconciliation-view.js';

describe('view helpers', () => {
  it('asks for whole Turkey-time days, `to` inclusive, and only the filters set', () => {
    expect(
      captureQuery(
        {
          from: '2026-12-01',
          to: '2026-12-01',
          site: '',
          kind: 'withdrawal',
          channel: 'MESAJ',
          state: '',
        },
        'c1',
      ),
    ).toEqual({
      limit: '20',
      from: '2026-11-30T21:00:00.000Z',
      to: '2026-12-01T20:59:59.999Z',
      site: undefined,
      kind: 'withdrawal',
      channel: 'MESAJ',
      state: undefined,
      cursor: 'c1',
    });
  });

  it('takes an @ for an e-mail address and anything else for a phone', () => {
    expect(recipientParams(' ayse@ornek.com.tr ')).toEqual({ email: 'ayse@ornek.com.tr' });
    expect(recipientParams('0532 123 45 67')).toEqual({ phone: '0532 123 45 67' });
    expect(channelsOf({ email: 'a@b.co' })).toEqual(['EPOSTA']);
    expect(channelsOf({})).toEqual(['MESAJ', 'ARAMA']);
  });

  it('routes #/name to its view and anything else to the overview', () => {
    expect(viewOf('#/captures')).toBe('captures');
    expect(viewOf('#/keys?x=1')).toBe('keys');
    expect(viewOf('#/reconciliation')).toBe('reconciliation');
    expect(viewOf('#main')).toBe('overview');
    expect(viewOf('')).toBe('overview');
  });

  it('explains İYS’s H467 in both languages, and nothing for an unknown code', () => {
    expect(explainIysCode('H467', 'tr')).toContain('3 iş günü');
    expect(explainIysCode('H467', 'en')).toContain('3 business days');
    expect(explainIysCode('H999', 'tr')).toBeUndefined();
  });
});

/** A channel's current row: our ONAY delivered, and İYS holding `status` from `source`. */
type Current = Timeline['current'][number];
type IysState = NonNullable<Current['iys']>;
const delivered = (
  type: Current['type'],
  status: IysState['status'],
  consentDate: string,
  source: IysState['source'],
): Current => ({
  key: 'k',
  brandCode: 1,
  type,
  intended: 'ONAY',
  delivery: 'delivered',
  iys: { status, consentDate, source },
});

describe('the recipient timeline', () => {
  it('A10: puts a citizen’s change on İYS among our records, in Turkey-time order', () => {
    const entries = timelineEntries({
      recipient: { email: 'a@ornek.com.tr' },
      current: [delivered('EPOSTA', 'RET', '2026-12-01 22:00:00', 'IYS_WEB')],
      events: [
        { at: '2026-12-01T20:00:00Z', siteKey: 's', captureId: 'c2', seq: 2, movements: [] },
        { at: '2026-12-01T18:00:00Z', siteKey: 's', captureId: 'c1', seq: 1, movements: [] },
      ],
    });
    expect(
      entries.map((e) => ('iys' in e ? `iys ${e.at}` : `${e.record.captureId} ${e.at}`)),
    ).toEqual(['c1 2026-12-01 21:00:00', 'iys 2026-12-01 22:00:00', 'c2 2026-12-01 23:00:00']);
  });

  it('leaves out İYS states that are our own deliveries (HS_*)', () => {
    const entries = timelineEntries({
      recipient: { phone: '+905321234567' },
      current: [delivered('MESAJ', 'ONAY', '2026-12-01 21:00:00', 'HS_WEB')],
      events: [],
    });
    expect(entries).toEqual([]);
  });

  it('says what differs in a reconciled day, in Turkish and English', () => {
    const row = {
      creationDate: '2026-12-01 10:00:00',
      transactionId: 't1',
      recipient: '+905321234567',
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
      status: 'ONAY',
      consentDate: '2026-12-01 09:59:00',
      source: 'HS_WEB',
    };
    expect(differenceText({ kind: 'iys-only', transactionId: 't1', iys: row }, 'en')).toBe(
      'İYS lists transaction t1, which izinli neither sent nor received (+905321234567 MESAJ ONAY 2026-12-01 09:59:00).',
    );
    expect(differenceText({ kind: 'izinli-only', transactionId: 't1', izinli: row }, 'tr')).toBe(
      'izinli’deki t1 işlemi İYS’nin dosyasında yok (+905321234567 MESAJ ONAY 2026-12-01 09:59:00).',
    );
    const fields = differenceText(
      {
        kind: 'fields',
        transactionId: 't1',
        fields: ['status'],
        iys: { ...row, status: 'RET' },
        izinli: row,
      },
      'en',
    );
    expect(fields).toBe(
      'The same transaction (t1) with other values: status: İYS “RET” ≠ izinli “ONAY”.',
    );
    expect(differenceText({ kind: 'hash', iysHash: 'aa', izinliHash: 'bb' }, 'tr')).toBe(
      'Satırlar aynı, ama İYS’nin özeti başka bir dosyanın: İYS aa, izinli bb.',
    );
  });

  it('lists a brand’s days newest first', () => {
    const day = (d: string) => ({
      day: d,
      state: 'empty' as const,
      checkedAt: '2026-12-03T00:00:00Z',
      differenceCount: 0,
      differences: [],
    });
    expect(newestFirst([day('2026-12-01'), day('2026-12-02')]).map((d) => d.day)).toEqual([
      '2026-12-02',
      '2026-12-01',
    ]);
  });
});
