// Long because: the signed record's schema, cross-field rules and sealing hash must agree.
import { z } from 'zod';
import { Channel, ConsentStatus, ProviderSource, RecipientType, addressKindOf } from './enums.js';
import { IysDateString, formatIysDate, parseIysDate } from './iys-date.js';
import { NoticeKind, NoticeVersion, Sha256Digest, Slug, SupportedLocale } from './notice.js';
import { customIssue, defineProblemMessages, excerpt, expecting } from './problem.js';
import type { Localized, Problem } from './problem.js';
import { err, ok } from './result.js';
import type { Result } from './result.js';
import { canonicalJson } from './canonical-json.js';
import { sha256Canonical } from './sha256.js';
import { E164Phone, IysEmail } from './recipient.js';
import { SiteKey } from './site-config-shape.js';
import { EVIDENCE_FOR_SOURCE } from './evidence-for-source.js';
import { RecordEvidence, RecordedBy } from './record-evidence.js';
import { ConfirmationRecord } from './confirmation-record.js';

/** The `prevHash` of a site's first record: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** The person as stored: name as typed (trimmed), addresses normalised (E.164, İYS e-mail rule). */
export const RecordPerson = z.strictObject({
  fullName: z.string().trim().min(2).max(200).optional(),
  phone: E164Phone.optional(),
  email: IysEmail.optional(),
});

/**
 * One channel box shown and its state. `status` is the İYS movement the record caused: ONAY for a
 * ticked box, RET for an unticked box whose current state was ONAY, absent when nothing is sent.
 */
export const RecordChannel = z
  .strictObject({
    type: Channel,
    checked: z.boolean(),
    status: ConsentStatus.optional(),
    // Held until the address's owner confirms (docs/verification.md): no movement yet.
    verify: z.enum(['code', 'link']).optional(),
  })
  .refine((c) => c.status === undefined || (c.status === 'ONAY') === c.checked, {
    error: expecting({
      en: 'status ONAY only for a ticked box and RET only for an unticked one',
      tr: 'yalnızca işaretli kutu için ONAY, yalnızca işaretsiz kutu için RET durumu',
    }),
    path: ['status'],
  })
  .refine((c) => c.verify === undefined || (c.checked && c.status === undefined), {
    error: expecting({
      en: 'verify only on a ticked box that has no status yet (it waits for confirmation)',
      tr: 'verify yalnızca henüz durumu olmayan işaretli kutuda (onay bekler)',
    }),
    path: ['verify'],
  });
export type RecordChannel = z.infer<typeof RecordChannel>;

/** One purpose box shown, its state and the exact consent text it was given against (B8). */
export const RecordPurpose = z.strictObject({
  id: Slug,
  granted: z.boolean(),
  noticeId: Slug,
  version: NoticeVersion,
  sha256: Sha256Digest,
});
export type RecordPurpose = z.infer<typeof RecordPurpose>;

/** One notice version shown, with its hash (B8). */
export const RecordNotice = z.strictObject({
  id: Slug,
  version: NoticeVersion,
  locale: SupportedLocale,
  kind: NoticeKind,
  sha256: Sha256Digest,
});
export type RecordNotice = z.infer<typeof RecordNotice>;

const recordFields = {
  captureId: z.uuid().meta({ description: 'The capture’s client-generated idempotency key.' }),
  siteKey: SiteKey,
  seq: z.int().min(1).meta({ description: 'Position in the site’s hash chain, from 1.' }),
  receivedAt: z.iso
    .datetime({
      error: expecting({
        en: 'an ISO 8601 UTC date-time ending in Z',
        tr: 'Z ile biten, ISO 8601 biçiminde bir UTC tarih ve saat',
      }),
    })
    .meta({ description: 'Server receive time, UTC.' }),
  consentDate: IysDateString.meta({ description: 'receivedAt in İYS format, Turkey time (A9).' }),
  origin: z.string().min(1).max(300),
  ip: z.union([z.ipv4(), z.ipv6()]).optional(),
  userAgent: z.string().max(1024).optional(),
  locale: SupportedLocale,
  recipientType: RecipientType,
  person: RecordPerson,
  channels: z.array(RecordChannel),
  purposes: z.array(RecordPurpose),
  notices: z.array(RecordNotice),
  widgetVersion: z.string().min(1).max(40),
  capturedAt: z.iso.datetime({ offset: true }).optional(),
  pageUrl: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .refine((u) => !/[?#]/.test(u), {
      error: expecting({
        en: 'a page URL without query or fragment',
        tr: 'sorgu ve parça (? ve #) içermeyen bir sayfa URL’si',
      }),
    })
    .optional()
    .meta({ description: 'The page, without query or fragment (they may carry personal data).' }),
  prevHash: Sha256Digest.meta({ description: 'recordHash of the previous record, or 64 zeros.' }),
  recordHash: Sha256Digest.meta({ description: 'See captureRecordHash.' }),
};

const ConsentRecord = z.strictObject({
  ...recordFields,
  kind: z.literal('capture'),
  // HS_WEB for the widget (A17); any source for a consent an operator records (A19).
  source: ProviderSource,
  recordedBy: RecordedBy.optional(),
  evidence: RecordEvidence.optional(),
});
const WithdrawalRecord = z.strictObject({
  ...recordFields,
  kind: z.literal('withdrawal'),
  // A withdrawal may come through other means than the widget: an e-mail link, a call centre…
  source: ProviderSource,
});

/**
 * A day of İYS reconciliation the brand agreed with İYS (`kind: 'iys-day'`), chained into the log
 * of each site of the brand's İYS account: the daily file's SHA-256 and İYS's agreement hash
 * (SHA-384) with the SHA-256 of İYS's RFC 3161 time stamp (`.tsr`) over that file and the time the
 * TSA stamped it. No personal data: the file and the stamp are kept beside the log, and these
 * hashes prove which ones they were.
 */
export const IysDayRecord = z.strictObject({
  kind: z.literal('iys-day'),
  captureId: recordFields.captureId,
  siteKey: SiteKey,
  seq: recordFields.seq,
  receivedAt: recordFields.receivedAt.meta({ description: 'When izinli sealed the record, UTC.' }),
  iysCode: z.int().min(1),
  brandCode: z.int().min(1),
  reportDate: z.iso.date().meta({ description: 'The Turkey day reconciled, YYYY-MM-DD.' }),
  fileSha256: Sha256Digest.meta({ description: 'SHA-256 of İYS’s daily file as downloaded.' }),
  agreementHash: z
    .string()
    .regex(/^[0-9a-f]{96}$/)
    .meta({ description: 'İYS’s agreement hash: SHA-384 (hex) of the daily file.' }),
  timestampSha256: Sha256Digest.meta({ description: 'SHA-256 of İYS’s .tsr over the file.' }),
  timestampGenTime: z.iso
    .datetime()
    .meta({ description: 'The time the TSA stamped the file (the token’s genTime), UTC.' }),
  prevHash: recordFields.prevHash,
  recordHash: recordFields.recordHash,
});
/** A chained İYS reconciliation day (see `IysDayRecord`). */
export type IysDayRecord = z.infer<typeof IysDayRecord>;

/**
 * A17 and A19: a widget capture is HS_WEB, carries no evidence and no recorder; a consent an
 * operator records names who recorded it, carries the evidence its source calls for, and its
 * consentDate is the real consent time, never after the server received it.
 */
function checkSource(
  record: z.infer<typeof ConsentRecord>,
  receivedAt: Date,
  ctx: z.RefinementCtx,
): void {
  if (record.recordedBy === undefined) {
    if (record.source !== 'HS_WEB') {
      const web = {
        en: 'HS_WEB: the widget is a web form (A17); another source needs recordedBy (A19)',
        tr: 'HS_WEB: bileşen bir web formudur (A17); başka bir kaynak recordedBy gerektirir (A19)',
      };
      addIssue(ctx, ['source'], web, { code: 'record.source', rule: 'A17' });
    }
    if (record.evidence !== undefined) {
      const none = {
        en: 'no evidence on a widget capture: its proof is the request itself (A19)',
        tr: 'bileşen kaydında kanıt alanı yok: kanıtı isteğin kendisidir (A19)',
      };
      addIssue(ctx, ['evidence'], none, { code: 'record.source', rule: 'A19' });
    }
    return;
  }
  const kind = EVIDENCE_FOR_SOURCE[record.source];
  if (record.evidence?.kind !== kind) {
    const evidence = {
      en: `evidence of kind ${kind}, as ${record.source} calls for (A19)`,
      tr: `${record.source} kaynağının gerektirdiği ${kind} türünde kanıt (A19)`,
    };
    addIssue(ctx, ['evidence'], evidence, { code: 'record.evidence', rule: 'A19', kind });
  }
  const consent = parseIysDate(record.consentDate);
  if (
    consent.ok &&
    !Number.isNaN(receivedAt.getTime()) &&
    consent.value.getTime() > Math.floor(receivedAt.getTime() / 1000) * 1000
  ) {
    const past = {
      en: `a consent time no later than ${formatIysDate(receivedAt)}, when it was recorded (A19)`,
      tr: `kaydedildiği an olan ${formatIysDate(receivedAt)} anından sonra olmayan bir izin zamanı (A19)`,
    };
    addIssue(ctx, ['consentDate'], past, { code: 'record.consentDateFuture', rule: 'A19' });
  }
}

function addIssue(
  ctx: z.RefinementCtx,
  path: (string | number)[],
  expected: Localized,
  params: Record<string, string | number>,
) {
  ctx.addIssue(customIssue({ path, expected, params }));
}

/** Flags `key` at `path` as `record.duplicate` when `seen` holds it already, then remembers it. */
function onceEach(
  ctx: z.RefinementCtx,
  seen: Set<string>,
  key: string,
  path: (string | number)[],
  expected: Localized,
) {
  if (seen.has(key)) addIssue(ctx, path, expected, { code: 'record.duplicate' });
  seen.add(key);
}

/** Flags what a withdrawal grants (a ticked box, a granted purpose): it may only take back (B7). */
function grantsInWithdrawal(ctx: z.RefinementCtx, path: (string | number)[], expected: Localized) {
  addIssue(ctx, path, expected, { code: 'record.withdrawalGrants', rule: 'B7' });
}

/**
 * What the server stores, chains and signs for one capture (`kind: 'capture'`) or one withdrawal
 * (`kind: 'withdrawal'`: boxes unticked or purposes withdrawn, nothing granted). Every fact that
 * proves the consent is the server's own: receive time, origin, IP and user agent per the site's
 * IP policy (B10), the notice versions and hashes (B8), each box's state, the widget version.
 */
export const CaptureRecord = z
  .discriminatedUnion('kind', [ConsentRecord, WithdrawalRecord])
  .superRefine((record, ctx) => {
    const receivedAt = new Date(record.receivedAt);
    const recorded = record.kind === 'capture' && record.recordedBy !== undefined;
    if (record.kind === 'capture') checkSource(record, receivedAt, ctx);
    if (!recorded && !Number.isNaN(receivedAt.getTime())) {
      const expected = formatIysDate(receivedAt);
      if (record.consentDate !== expected) {
        const text = {
          en: `${expected}: receivedAt in Turkey time`,
          tr: `${expected}: receivedAt, Türkiye saatiyle`,
        };
        addIssue(ctx, ['consentDate'], text, {
          code: 'record.consentDate',
          rule: 'A9',
          expected,
        });
      }
    }
    const seen = new Set<string>();
    record.channels.forEach((channel, i) => {
      const each = { en: 'each channel once', tr: 'her kanal bir kez' };
      onceEach(ctx, seen, channel.type, ['channels', i, 'type'], each);
      const kind = addressKindOf(channel.type);
      if ((channel.checked || channel.status) && record.person[kind] === undefined) {
        const address = {
          en: `the ${kind} that ${channel.type} covers`,
          tr: `${channel.type} izninin kapsadığı ${kind === 'email' ? 'e-posta adresi' : 'telefon numarası'}`,
        };
        addIssue(ctx, ['person', kind], address, {
          code: 'record.addressMissing',
          rule: 'A3',
          channel: channel.type,
        });
      }
      if (record.kind === 'withdrawal' && channel.checked) {
        const unticks = {
          en: 'false: a withdrawal only unticks',
          tr: 'false: geri alma yalnızca işaret kaldırır',
        };
        grantsInWithdrawal(ctx, ['channels', i, 'checked'], unticks);
      }
    });
    const firstChecked = record.channels.find((c) => c.checked);
    if (firstChecked && record.person.fullName === undefined) {
      const name = { en: 'the person’s name and surname', tr: 'kişinin adı ve soyadı' };
      addIssue(ctx, ['person', 'fullName'], name, {
        code: 'record.nameMissing',
        rule: 'A3',
        channel: firstChecked.type,
      });
    }
    const purposeIds = new Set<string>();
    record.purposes.forEach((purpose, i) => {
      const each = { en: 'each purpose once', tr: 'her amaç bir kez' };
      onceEach(ctx, purposeIds, purpose.id, ['purposes', i, 'id'], each);
      if (record.kind === 'withdrawal' && purpose.granted) {
        const withdraws = {
          en: 'false: a withdrawal only withdraws',
          tr: 'false: geri alma yalnızca rızayı geri alır',
        };
        grantsInWithdrawal(ctx, ['purposes', i, 'granted'], withdraws);
      }
    });
    if (record.kind === 'capture' && record.notices.length === 0) {
      const notices = {
        en: 'the notices shown, at least the aydınlatma notice',
        tr: 'gösterilen metinler, en az aydınlatma metni',
      };
      addIssue(ctx, ['notices'], notices, {
        code: 'record.noNotices',
        rule: 'B2',
      });
    }
  });
export type CaptureRecord = z.infer<typeof CaptureRecord>;
/** `capture` (what a person ticked on a form) or `withdrawal` (consents taken back, B7). */
export type CaptureRecordKind = CaptureRecord['kind'];

/**
 * Any record of a site's chain: a capture or withdrawal (about a person), a reconciled İYS day
 * (`iys-day`, no personal data) or a confirmation of held permissions (`confirmation`). They
 * chain, hash and sign alike.
 */
export type ChainRecord = CaptureRecord | IysDayRecord | ConfirmationRecord;
/** Every kind of chained record. */
export type ChainRecordKind = ChainRecord['kind'];

/** The schema a stored chain record is checked against, chosen by its `kind`. */
export function chainRecordSchema(
  value: unknown,
): typeof CaptureRecord | typeof IysDayRecord | typeof ConfirmationRecord {
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (kind === 'iys-day') return IysDayRecord;
  return kind === 'confirmation' ? ConfirmationRecord : CaptureRecord;
}

/** Whether a chained record is a capture or a withdrawal (not an İYS day, not a confirmation). */
export const isCaptureRecord = (record: ChainRecord): record is CaptureRecord =>
  record.kind === 'capture' || record.kind === 'withdrawal';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A record before it is sealed with its `recordHash`. */
export type UnsealedCaptureRecord = DistributiveOmit<CaptureRecord, 'recordHash'>;
/** Any chain record before it is sealed. */
export type UnsealedChainRecord = DistributiveOmit<ChainRecord, 'recordHash'>;

// Absent optional fields must hash the same whether a key is missing or holds undefined.
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, withoutUndefined(v)]),
    );
  }
  return value;
}

/**
 * The record hash: SHA-256 (hex) of the RFC 8785 canonical JSON of the whole record except its
 * own `recordHash` field — so it covers `seq` and `prevHash`, which links it into the site's chain,
 * and every other field exactly as stored. Fields that are absent (or undefined) are not hashed.
 */
export function captureRecordHash(record: UnsealedChainRecord | ChainRecord): Promise<string> {
  const { recordHash: _ignored, ...rest } = record as ChainRecord;
  return sha256Canonical(withoutUndefined(rest));
}

/**
 * `captureRecordHash` with a synchronous SHA-256 (hex) supplied by the caller — the server passes
 * node:crypto, which is several times faster than WebCrypto's async digest. Same bytes, same hash.
 */
export function captureRecordHashWith(
  record: UnsealedChainRecord | ChainRecord,
  sha256HexSync: (text: string) => string,
): string {
  const { recordHash: _ignored, ...rest } = record as ChainRecord;
  return sha256HexSync(canonicalJson(withoutUndefined(rest)));
}

/** Completes a record with its `recordHash`. */
export async function sealCaptureRecord(record: UnsealedCaptureRecord): Promise<CaptureRecord> {
  return { ...record, recordHash: await captureRecordHash(record) };
}

/**
 * Checks that a stored record's `recordHash` still matches its content (A13). `sha256HexSync`, when
 * given, hashes synchronously (the server passes node:crypto; verifying a log hashes every record).
 */
export async function checkCaptureRecordHash<R extends ChainRecord>(
  record: R,
  path: (string | number)[] = [],
  sha256HexSync?: (text: string) => string,
): Promise<Result<R, Problem>> {
  const actual = sha256HexSync
    ? captureRecordHashWith(record, sha256HexSync)
    : await captureRecordHash(record);
  if (actual === record.recordHash) return ok(record);
  return err({
    code: 'record.hashMismatch',
    path: [...path, 'recordHash'],
    expected: {
      en: `the hash of the record's content: ${actual}`,
      tr: `kaydın içeriğinin özeti: ${actual}`,
    },
    received: excerpt(record.recordHash, 70),
    params: { rule: 'A13', seq: record.seq, actual },
  });
}

defineProblemMessages({
  'record.addressMissing': {
    tr: (p) =>
      `${p.params?.channel} kaydı, kapsadığı adresi içermelidir (A3); beklenen ${p.params?.channel === 'EPOSTA' ? 'bir e-posta adresi' : 'bir telefon numarası'}, gelen ${p.received}`,
    en: (p) =>
      `a ${p.params?.channel} record must hold the address it covers (A3); expected ${p.expected}, received ${p.received}`,
  },
  'record.nameMissing': {
    tr: (p) => `izin kaydı kişinin adını ve soyadını içermelidir (A3); gelen ${p.received}`,
    en: (p) =>
      `a permission record must hold the person’s name and surname (A3); received ${p.received}`,
  },
  'record.withdrawalGrants': {
    tr: (p) =>
      `geri alma kaydı yalnızca izin ya da rıza geri alır (B7); beklenen false, gelen ${p.received}`,
    en: (p) => `a withdrawal only takes consent back (B7); expected false, received ${p.received}`,
  },
  'record.noNotices': {
    tr: (p) =>
      `kayıt, gösterilen metinleri (en az aydınlatma metnini) içermelidir (B2); gelen ${p.received}`,
    en: (p) =>
      `the record must name the notices shown, at least the aydınlatma notice (B2); received ${p.received}`,
  },
  'record.consentDate': {
    tr: (p) =>
      `consentDate, kaydın alındığı anın Türkiye saatiyle İYS biçimi olmalıdır (A9); beklenen ${p.params?.expected}, gelen ${p.received}`,
    en: (p) =>
      `consentDate must be receivedAt in İYS format, Turkey time (A9); expected ${p.params?.expected}, received ${p.received}`,
  },
  'record.source': {
    tr: (p) =>
      `kaynak ve kanıt, kaydın nasıl alındığına uymalıdır; beklenen ${p.expected}, gelen ${p.received}`,
    en: (p) =>
      `the source and evidence must match how the record was taken; expected ${p.expected}, received ${p.received}`,
  },
  'record.evidence': {
    tr: (p) =>
      `kayıt, kaynağının gerektirdiği kanıtı taşımalıdır; beklenen ${p.expected}, gelen ${p.received}`,
    en: (p) =>
      `the record must carry the evidence its source calls for; expected ${p.expected}, received ${p.received}`,
  },
  'record.consentDateFuture': {
    tr: (p) =>
      `izin zamanı kaydın alındığı andan sonra olamaz; beklenen ${p.expected}, gelen ${p.received}`,
    en: (p) =>
      `the consent time cannot be after the record was received; expected ${p.expected}, received ${p.received}`,
  },
  'record.hashMismatch': {
    tr: (p) =>
      `${p.params?.seq}. kaydın özeti içeriğiyle uyuşmuyor: kayıt değiştirilmiş (A13); beklenen ${p.params?.actual}, gelen ${p.received}`,
    en: (p) =>
      `record ${p.params?.seq}'s hash does not match its content: it was altered (A13); expected ${p.params?.actual}, received ${p.received}`,
  },
});
