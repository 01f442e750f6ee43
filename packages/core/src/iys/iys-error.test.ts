import { describe, it, expect } from 'vitest';
import { IYS_ERRORS, IYS_ERROR_DUPLICATES } from './error-codes.js';
import { IYS_MESSAGE_VARIANTS, isIysErrorCode, iysError, iysErrorStatus } from './iys-error.js';

describe('IYS_ERRORS', () => {
  it('A8: H467 carries exactly the three-business-day sentence with status 422', () => {
    expect(IYS_ERRORS.H467).toEqual({
      status: 422,
      message: 'Üç iş günü öncesinde alınan izinler kaydedilemez.',
    });
  });

  it('holds the codes the simulator and client rely on with their documented statuses', () => {
    expect(iysErrorStatus('H014')).toBe(400);
    expect(iysErrorStatus('H084')).toBe(429);
    expect(iysErrorStatus('H124')).toBe(429);
    expect(iysErrorStatus('H123')).toBe(400);
    expect(iysErrorStatus('H174')).toBe(400);
    expect(iysErrorStatus('H175')).toBe(400);
    expect(iysErrorStatus('H178')).toBe(400);
    expect(iysErrorStatus('H190')).toBe(422);
    expect(iysErrorStatus('H351')).toBe(401);
    expect(iysErrorStatus('H353')).toBe(403);
  });

  it('keeps every message trimmed and non-empty, and every status an HTTP error status', () => {
    for (const [code, info] of Object.entries(IYS_ERRORS)) {
      expect(code).toMatch(/^H\d{3,4}$/);
      expect(info.message.length).toBeGreaterThan(0);
      expect(info.message).toBe(info.message.trim());
      expect(info.status).toBeGreaterThanOrEqual(400);
      expect(info.status).toBeLessThan(600);
    }
  });

  it('lists the table rows that repeat a code separately, keeping the first in the catalog', () => {
    expect(IYS_ERRORS.H1005.message).toBe('{{requestField}} bulunamadı');
    expect(IYS_ERROR_DUPLICATES.map((d) => d.message)).toEqual([
      'oid bulunamadı',
      'details bulunamadı',
    ]);
  });
});

describe('iysError', () => {
  it('builds an entry with the exact message and only the keys it was given', () => {
    expect(iysError('H111')).toEqual({ code: 'H111', message: 'İzin tipi (type) bulunamadı.' });
    expect(JSON.stringify(iysError('H117', { location: ['type'], value: 'EPOSTAa' }))).toBe(
      '{"code":"H117","message":"İzin tipi (type) için uygun değerler: ARAMA, MESAJ, EPOSTA","location":["type"],"value":"EPOSTAa"}',
    );
  });

  it('carries the batch index, including index 0', () => {
    expect(iysError('H194', { index: 0 }).index).toBe(0);
  });

  it('ends H174 with the current status, as the document example renders it', () => {
    expect(iysError('H174', { currentStatus: 'RET' }).message).toBe(
      'İzin durumu (status) güncellemesi için farklı bir durum girilmelidir. İzin durumu: RET',
    );
    expect(iysError('H174', { currentStatus: 'ONAY' }).message).toMatch(/İzin durumu: ONAY$/);
    expect(iysError('H174').message).toMatch(/İzin durumu: ONAY \/ RET$/);
  });

  it('uses a documented message variant when given one', () => {
    expect(
      iysError('H353', { message: IYS_MESSAGE_VARIANTS.fieldNotMatched('brandCode') }),
    ).toEqual({
      code: 'H353',
      message: 'brandCode, kullanıcı izinleriyle eşleştirilemiyor',
    });
    expect(IYS_MESSAGE_VARIANTS.recipientFormatForType('EPOSTA')).toContain('e-posta formatında');
  });

  it('tells documented codes from others', () => {
    expect(isIysErrorCode('H467')).toBe(true);
    expect(isIysErrorCode('H999')).toBe(false);
    expect(isIysErrorCode('toString')).toBe(false);
  });
});
