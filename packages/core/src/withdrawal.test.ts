import { describe, expect, it } from 'vitest';
import { ProviderSource } from './enums.js';
import { problemMessage } from './problem.js';
import {
  WITHDRAWAL_SOURCES,
  validateWithdrawal,
  validateWithdrawalLinkRequest,
} from './withdrawal.js';

const siteKey = 'ornek-kitabevi-demo-0001';

describe('Withdrawal', () => {
  it('B7: defaults to an admin withdrawal of a BIREYSEL recipient, in Turkish', () => {
    const parsed = validateWithdrawal({
      siteKey,
      recipient: { phone: ' 0532 123 45 67 ' },
      channels: ['MESAJ'],
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        siteKey,
        recipient: { phone: '0532 123 45 67' },
        recipientType: 'BIREYSEL',
        channels: ['MESAJ'],
        purposes: [],
        via: 'admin',
        locale: 'tr',
      },
    });
  });

  it('A3: a withdrawn channel needs its address, and the problem says which, in both languages', () => {
    const parsed = validateWithdrawal({
      siteKey,
      recipient: { phone: '05321234567' },
      channels: ['EPOSTA', 'MESAJ'],
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toEqual([
      expect.objectContaining({
        code: 'withdrawal.addressMissing',
        path: ['recipient', 'email'],
        params: { rule: 'A3', channel: 'EPOSTA' },
      }),
    ]);
    expect(problemMessage(parsed.error[0]!, 'tr')).toContain('bir e-posta adresi gereklidir');
    expect(problemMessage(parsed.error[0]!, 'en')).toContain('an e-mail address is required');
  });

  it('refuses nothing to withdraw, no recipient, a channel twice and an unknown via', () => {
    const codes = (input: unknown) => {
      const parsed = validateWithdrawal(input);
      return parsed.ok ? [] : parsed.error.map((p) => p.code);
    };
    expect(codes({ siteKey, recipient: { phone: '05321234567' } })).toEqual(['withdrawal.nothing']);
    expect(codes({ siteKey, recipient: {}, purposes: ['x'] })).toEqual(['withdrawal.noRecipient']);
    expect(
      codes({ siteKey, recipient: { phone: '05321234567' }, channels: ['MESAJ', 'MESAJ'] }),
    ).toEqual(['withdrawal.duplicateChannel']);
    expect(
      codes({ siteKey, recipient: { phone: '05321234567' }, channels: ['MESAJ'], via: 'fax' }),
    ).toEqual(['schema.invalid_value']);
  });

  it('maps every way a withdrawal arrives to a source a service provider may send to İYS', () => {
    for (const source of Object.values(WITHDRAWAL_SOURCES)) {
      expect(ProviderSource.safeParse(source).success).toBe(true);
    }
    expect(WITHDRAWAL_SOURCES['call-centre']).toBe('HS_CAGRI_MERKEZI');
  });
});

describe('WithdrawalLinkRequest', () => {
  it('lasts 90 days by default, at most 365', () => {
    const ok = validateWithdrawalLinkRequest({ siteKey, recipient: { email: 'a@b.com.tr' } });
    expect(ok.ok && ok.value.expiresInDays).toBe(90);
    const long = validateWithdrawalLinkRequest({
      siteKey,
      recipient: { email: 'a@b.com.tr' },
      expiresInDays: 366,
    });
    expect(long.ok).toBe(false);
  });
});
