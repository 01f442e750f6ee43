// The retention rule on its own (A14, B10): when a record's consent ended, and when it is due.
import { describe, expect, it } from 'vitest';
import { sealedRecord } from '../store/contract/store-fixtures.test-support.js';
import { GENESIS_HASH } from '@izinli/core';
import type { CaptureRecord } from '@izinli/core';
import { addYears, consentEnd, newestState, purgeDue } from './retention-rule.js';
import type { KeyState, PurposeState } from './retention-rule.js';

const head = { siteKey: 'retention-rule-site-0001', seq: 0, hash: GENESIS_HASH };
const facts = (
  channels: Partial<Record<string, KeyState>>,
  purposes: Partial<Record<string, PurposeState>> = {},
) => ({ channelState: (t: string) => channels[t], purposeState: (id: string) => purposes[id] });

describe('retention rule (A14, B10)', () => {
  it('A14: a record that granted nothing ends at its own receipt', async () => {
    const record = await sealedRecord(head, { n: 1, kind: 'withdrawal', phone: '+905321234567' });
    expect(consentEnd(record, facts({}))?.toISOString()).toBe(record.receivedAt);
  });

  it('A12, A14: a ticked channel still ONAY, or with no known state, keeps the consent in effect', async () => {
    const record = await sealedRecord(head, { n: 1, phone: '+905321234567' });
    expect(consentEnd(record, facts({}))).toBeUndefined();
    const onay = { status: 'ONAY', consentDate: '2027-01-01 10:00:00' } as const;
    expect(consentEnd(record, facts({ MESAJ: onay }))).toBeUndefined();
  });

  it('A14: a channel refused (by us or at İYS, per the mirror) ends at the refusal’s consentDate', async () => {
    const record = await sealedRecord(head, {
      n: 1,
      phone: '+905321234567',
      email: 'a@ornek.com.tr',
    });
    const end = consentEnd(
      record,
      facts({
        MESAJ: { status: 'RET', consentDate: '2027-01-01 10:00:00' },
        EPOSTA: { status: 'RET', consentDate: '2027-03-01 12:30:00' },
      }),
    );
    // Turkey time is UTC+3: the later refusal wins.
    expect(end?.toISOString()).toBe('2027-03-01T09:30:00.000Z');
    expect(
      consentEnd(record, facts({ MESAJ: { status: 'RET', consentDate: '2027-01-01 10:00:00' } })),
    ).toBeUndefined();
  });

  it('B7, A14: a granted purpose ends with a later record that withdraws it, not one that grants it', async () => {
    const base = await sealedRecord(head, { n: 1 });
    const record = {
      ...base,
      channels: [],
      purposes: [
        { id: 'analiz', granted: true, noticeId: 'riza', version: 1, sha256: 'a'.repeat(64) },
      ],
    } as CaptureRecord;
    expect(consentEnd(record, facts({}))).toBeUndefined();
    const at = '2028-05-05T05:05:05.000Z';
    expect(
      consentEnd(record, facts({}, { analiz: { granted: true, receivedAt: at } })),
    ).toBeUndefined();
    expect(
      consentEnd(record, facts({}, { analiz: { granted: false, receivedAt: at } }))?.toISOString(),
    ).toBe(at);
  });

  it('A14: due exactly when the retention has passed since the end; 29 February rolls over', () => {
    const end = new Date('2024-02-29T12:00:00.000Z');
    expect(addYears(end, 3).toISOString()).toBe('2027-03-01T12:00:00.000Z');
    expect(purgeDue(end, 3, new Date('2027-03-01T11:59:59.999Z'))).toBe(false);
    expect(purgeDue(end, 3, new Date('2027-03-01T12:00:00.000Z'))).toBe(true);
    expect(purgeDue(end, 10, new Date('2030-01-01T00:00:00.000Z'))).toBe(false);
  });

  it('picks the newest state by consentDate (a mirror refusal after our ONAY wins)', () => {
    const ours = { status: 'ONAY', consentDate: '2027-01-01 10:00:00' } as const;
    const iys = { status: 'RET', consentDate: '2027-01-02 09:00:00' } as const;
    expect(newestState([ours, iys, undefined])).toEqual(iys);
    expect(newestState([iys, ours])).toEqual(iys);
    expect(newestState([])).toBeUndefined();
  });
});
