import {
  CalendarRangeError,
  Channel,
  ConsentStatus,
  IYS_EARLIEST_CONSENT_DATE,
  IYS_HS_2015_CONSENT_DATE,
  IYS_MESSAGE_VARIANTS,
  ProviderSource,
  RecipientType,
  addCivilDays,
  checkConsentDate,
  civilWeekday,
  iysError,
  parseIysDate,
  turkeyDayOf,
  turkeyStartOfDay,
} from '@izinli/core';
import type { BusinessCalendar, IysErrorEntry } from '@izinli/core';
import type { SimBrand, SimLimits, SimPolicy } from './options.js';
import { checkRecipient } from './recipient.js';
import type { NormalizedConsent } from './state.js';

/** The keys İYS accepts in a consent body, in H118's order. */
const ALLOWED_KEYS = new Set([
  'recipientType',
  'retailerAccess',
  'recipient',
  'retailerCode',
  'source',
  'type',
  'consentDate',
  'status',
]);

/**
 * H126 as the batch example words it: the limit it names, 3000, is the one enforced (the Consent
 * schema's `maxItems`); the error table's sentence says 100.
 */
const H126_MESSAGE =
  'İzin erişimi olan bayilerin (retailer) liste uzunluğu en fazla 3000 olmalıdır.';

type IysCode = Parameters<typeof iysError>[0];

/** A schema of İYS's enums (channel, status, source, recipient type), as core exports them. */
interface EnumSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

/** What consent validation needs to know besides the body. */
export interface ValidationContext {
  iysCode: number;
  brand: SimBrand;
  nowMs: number;
  limits: SimLimits;
  policy: SimPolicy;
  calendar: BusinessCalendar;
}

/** A valid consent, or İYS's synchronous (format and date) errors for it. */
export type ValidationResult =
  { ok: true; consent: NormalizedConsent } | { ok: false; errors: IysErrorEntry[] };

/**
 * Checks one consent body the way İYS does before accepting it: unknown keys (H118), required
 * fields (H110–H114), enums (H115–H117, H119), recipient (H120–H122, H160), consentDate (H155–H158,
 * H162, H467), HS_KARAR (H408) and retailers (H267, H163, H126, H180). Business rules against the
 * stored record (H174, H175, H178, H462, H463) come later, in `consent-rules.ts`.
 */
export function validateConsent(
  body: unknown,
  ctx: ValidationContext,
  index?: number,
): ValidationResult {
  const errors: IysErrorEntry[] = [];
  const fail = (code: IysCode, extra: Parameters<typeof iysError>[1] = {}) =>
    errors.push(iysError(code, { ...extra, ...(index === undefined ? {} : { index }) }));
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    fail('H085');
    return { ok: false, errors };
  }
  const b = body as Record<string, unknown>;
  for (const key of Object.keys(b)) {
    if (!ALLOWED_KEYS.has(key)) fail('H118', { location: [key], value: b[key] });
  }
  /** The field `key` as one of the enum's values, or undefined once `invalid` is failed. */
  const oneOf = <T>(key: string, schema: EnumSchema<T>, invalid: IysCode): T | undefined => {
    const parsed = schema.safeParse(b[key]);
    if (parsed.success) return parsed.data;
    fail(invalid, { location: [key], value: b[key] });
    return undefined;
  };

  let recipientType: RecipientType = 'BIREYSEL';
  if ('recipientType' in b)
    recipientType = oneOf('recipientType', RecipientType, 'H116') ?? 'BIREYSEL';
  const trader = recipientType === 'TACIR';

  let type: Channel | undefined;
  if (b.type === undefined || b.type === null) fail('H111', { location: ['type'] });
  else type = oneOf('type', Channel, 'H117');

  let recipient: string | undefined;
  if (b.recipient === undefined || b.recipient === null || b.recipient === '') {
    fail('H114', { location: ['recipient'] });
  } else {
    const text = typeof b.recipient === 'string' ? b.recipient : String(b.recipient);
    const checked = checkRecipient(text, type, ctx.limits, ctx.policy);
    if (checked.ok) recipient = checked.recipient;
    else
      for (const code of checked.codes) fail(code, { location: ['recipient'], value: b.recipient });
  }

  let source: ProviderSource | undefined;
  if (b.source === undefined || (b.source === null && !trader)) {
    if (!trader) fail('H113', { location: ['source'] });
  } else source = oneOf('source', ProviderSource, 'H119');

  let status: ConsentStatus | undefined;
  if (b.status === undefined || b.status === null) fail('H110', { location: ['status'] });
  else status = oneOf('status', ConsentStatus, 'H115');

  let consentDate: string | undefined;
  let consentDateMs: number | undefined;
  if (b.consentDate === undefined || (b.consentDate === null && !trader) || b.consentDate === '') {
    if (!trader || b.consentDate === '') fail('H112', { location: ['consentDate'] });
  } else if (typeof b.consentDate !== 'string') {
    fail('H158', { location: ['consentDate'], value: b.consentDate });
  } else {
    const parsed = parseIysDate(b.consentDate);
    if (!parsed.ok) {
      const code = parsed.error.code === 'iysDate.invalid' ? 'H157' : 'H158';
      fail(code, { location: ['consentDate'], value: b.consentDate });
    } else {
      const dateErrors = checkDate(b.consentDate, parsed.value, source, status, ctx);
      for (const code of dateErrors)
        fail(code, { location: ['consentDate'], value: b.consentDate });
      if (dateErrors.length === 0) {
        consentDate = b.consentDate;
        consentDateMs = parsed.value.getTime();
      }
    }
  }

  if (source === 'HS_KARAR' && status === 'ONAY') {
    fail('H408', { location: ['status'], value: status });
  }

  let retailerCode: number | undefined;
  if ('retailerCode' in b) {
    const v = b.retailerCode;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) {
      // The document's example answers an empty retailerCode with this H267 wording and 400,
      // code and message only (no location or value).
      fail('H267', { message: IYS_MESSAGE_VARIANTS.retailerCodeEmpty });
    } else if (!ctx.brand.retailers?.includes(v)) {
      fail('H180', { location: ['retailerCode'], value: v });
    } else retailerCode = v;
  }

  let retailerAccess: number[] | undefined;
  if ('retailerAccess' in b) {
    const v = b.retailerAccess;
    if (!Array.isArray(v) || v.length === 0) {
      fail('H163', { location: ['retailerAccess'], value: v });
    } else if (v.length > 3000) {
      fail('H126', {
        message: H126_MESSAGE,
        location: ['retailerAccess'],
        value: v.slice(0, 100),
      });
    } else {
      const bad = v.findIndex((r) => typeof r !== 'number' || !ctx.brand.retailers?.includes(r));
      if (bad >= 0) fail('H180', { location: ['retailerAccess', bad], value: v[bad] });
      else retailerAccess = v as number[];
    }
  }

  if (errors.length > 0 || recipient === undefined || type === undefined || status === undefined) {
    return { ok: false, errors };
  }
  const consent: NormalizedConsent = {
    iysCode: ctx.iysCode,
    brandCode: ctx.brand.brandCode,
    recipient,
    recipientType,
    type,
    status,
  };
  if (source !== undefined) consent.source = source;
  if (consentDate !== undefined) consent.consentDate = consentDate;
  if (consentDateMs !== undefined) consent.consentDateMs = consentDateMs;
  if (retailerCode !== undefined) consent.retailerCode = retailerCode;
  if (retailerAccess !== undefined) consent.retailerAccess = retailerAccess;
  return { ok: true, consent };
}

/** The date rules for a well-formed consentDate, in İYS's order (H156, H162, H155, H467). */
function checkDate(
  text: string,
  date: Date,
  source: ProviderSource | undefined,
  status: ConsentStatus | undefined,
  ctx: ValidationContext,
): ('H155' | 'H156' | 'H162' | 'H467')[] {
  const now = new Date(ctx.nowMs);
  const codes: ('H155' | 'H156' | 'H162' | 'H467')[] = [];
  // H156 and H162 need no calendar, so they are judged here even outside core's holiday data.
  const seconds = Math.floor(date.getTime() / 1000) * 1000;
  if (seconds < IYS_EARLIEST_CONSENT_DATE.getTime()) codes.push('H156');
  else if (seconds > now.getTime()) codes.push('H162');
  if (source === 'HS_2015') {
    // HS_2015 is the pre-2015 declaration: its one allowed date is exempt from the 3-day rule.
    if (text !== IYS_HS_2015_CONSENT_DATE) codes.push('H155');
    return codes;
  }
  if (codes.length > 0) return codes;
  if (status === 'RET' && !ctx.policy.h467AppliesToRet) return codes;
  if (isTooOld(date, now, ctx.calendar)) codes.push('H467');
  return codes;
}

function isTooOld(date: Date, now: Date, calendar: BusinessCalendar): boolean {
  try {
    return checkConsentDate(date, now, calendar) === 'H467';
  } catch (error) {
    if (!(error instanceof CalendarRangeError)) throw error;
    // Outside core's holiday data: count Monday–Friday only, so the simulator still answers.
    let day = turkeyDayOf(date);
    for (let left = 3; left > 0;) {
      day = addCivilDays(day, 1);
      const weekday = civilWeekday(day);
      if (weekday !== 0 && weekday !== 6) left--;
    }
    return now.getTime() >= turkeyStartOfDay(addCivilDays(day, 1)).getTime();
  }
}
