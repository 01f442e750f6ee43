// Step one of a capture: everything that can be checked without the database — the body, the
// site, the origin, the texts shown (B8) and the recipients' addresses.
import { createHash } from 'node:crypto';
import {
  CHANNELS,
  CaptureRecord as CaptureRecordSchema,
  GENESIS_HASH,
  applyIpPolicy,
  canonicalJson,
  checkCaptureAgainstSite,
  excerpt,
  formatIysDate,
  normalizeEmail,
  normalizePhone,
  phoneKind,
  phoneKindProblems,
  problemsFromZod,
  validateCapture,
  verificationOf,
} from '@izinli/core';
import type {
  Capture,
  CaptureRecord,
  Channel,
  HeldMethod,
  Localized,
  Problem,
  RecordNotice,
  RecordPurpose,
  SiteConfig,
  TenantConfig,
} from '@izinli/core';
import type { LoadedConfig } from '../config/load-config.js';

/** What the server saw of the request, besides the body. */
export interface RequestFacts {
  receivedAt: Date;
  origin: string | undefined;
  ip: string | undefined;
  userAgent: string | undefined;
}

type DraftOf<R> = R extends unknown
  ? Omit<R, 'seq' | 'prevHash' | 'recordHash' | 'channels'> & {
      channels: DraftChannel[];
    }
  : never;
/**
 * One box of a draft: `verify` when the site holds this ticked channel until the address's owner
 * confirms it (docs/verification.md): it then causes no movement at commit.
 */
export interface DraftChannel {
  type: Channel;
  checked: boolean;
  verify?: HeldMethod;
}
/**
 * The record a capture (or a withdrawal, see withdrawal/withdrawal-draft.ts) will become, minus
 * what the chain and the mirror decide at commit.
 */
export type RecordDraft = DraftOf<CaptureRecord>;

/** A checked capture, ready for the group commit. */
export interface CaptureDraft {
  captureId: string;
  siteKey: string;
  site: SiteConfig;
  tenant: TenantConfig;
  /** SHA-256 of the canonical body: the idempotency fingerprint. */
  bodyHash: string;
  record: RecordDraft;
  /**
   * The code verifications the widget confirmed for this form (`verifications` of the body), to
   * be tied to the capture once it is stored (`VerificationStore.attachCapture`).
   */
  verificationIds?: readonly string[];
}

/** Why a capture was refused before it reached the database. */
export interface CaptureRefusal {
  status: 403 | 404 | 422;
  code: string;
  message: Localized;
  problems: Problem[];
}

/** SHA-256 (hex) of a JSON value's canonical form. */
export function bodyFingerprint(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

// The page URL without query or fragment: they may carry personal data (B10).
function pagePath(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/** Checks a capture body against its site and builds the record draft, or says why not. */
export function prepareCapture(
  body: unknown,
  facts: RequestFacts,
  config: LoadedConfig,
): { ok: true; draft: CaptureDraft } | { ok: false; refusal: CaptureRefusal } {
  const validated = validateCapture(body);
  if (!validated.ok) {
    return refuse(
      422,
      'capture.invalid',
      { en: 'The capture does not have the expected shape.', tr: 'Kayıt beklenen yapıda değil.' },
      validated.error,
    );
  }
  const capture = validated.value;
  const found = config.sites.get(capture.siteKey);
  if (!found) {
    const text = {
      en: `No site has the key ${excerpt(capture.siteKey, 60)}.`,
      tr: `${excerpt(capture.siteKey, 60)} anahtarlı bir site yok.`,
    };
    return refuse(404, 'site.unknown', text, [
      {
        code: 'site.unknown',
        path: ['siteKey'],
        expected: {
          en: 'the site key of a configured site',
          tr: 'yapılandırılmış bir sitenin site anahtarı',
        },
        received: excerpt(capture.siteKey, 60),
      },
    ]);
  }
  const { site, tenant } = found;
  if (facts.origin === undefined || !site.allowedOrigins.includes(facts.origin)) {
    const text = {
      en: 'This origin may not post captures for this site.',
      tr: 'Bu köken bu site için kayıt gönderemez.',
    };
    return refuse(403, 'origin.forbidden', text, [
      {
        code: 'origin.forbidden',
        path: [],
        expected: {
          en: `an Origin header among the site's allowed origins: ${site.allowedOrigins.join(', ')}`,
          tr: `sitenin izin verdiği kökenlerden birini taşıyan bir Origin başlığı: ${site.allowedOrigins.join(', ')}`,
        },
        received: excerpt(facts.origin ?? 'no Origin header', 80),
        ...(facts.origin === undefined
          ? { receivedText: { en: 'no Origin header', tr: 'Origin başlığı yok' } }
          : {}),
      },
    ]);
  }
  const problems = checkCaptureAgainstSite(capture, site);
  const phone =
    capture.person.phone === undefined ? undefined : normalizePhone(capture.person.phone);
  const email =
    capture.person.email === undefined ? undefined : normalizeEmail(capture.person.email);
  if (phone && !phone.ok) problems.push({ ...phone.error, path: ['person', 'phone'] });
  if (phone?.ok) {
    const ticked = CHANNELS.filter((c) => capture.channels[c] === true);
    const received = capture.person.phone ?? '';
    problems.push(...phoneKindProblems(ticked, phoneKind(phone.value), site.phones, received));
  }
  if (email && !email.ok) problems.push({ ...email.error, path: ['person', 'email'] });
  if (problems.length > 0) return refuse(422, 'capture.rejected', REJECTED.site, problems);
  const record = buildDraft(
    capture,
    site,
    facts,
    phone?.ok ? phone.value : undefined,
    email?.ok ? email.value : undefined,
  );
  const draft = {
    captureId: capture.id,
    siteKey: site.siteKey,
    site,
    tenant,
    bodyHash: bodyFingerprint(body),
    record,
    ...(capture.verifications !== undefined ? { verificationIds: capture.verifications } : {}),
  };
  return checkedDraft(draft, 'capture.rejected', REJECTED.record);
}

/** The draft, or its refusal (`code`, `message`) when its record would not be valid. */
export function checkedDraft(
  draft: CaptureDraft,
  code: string,
  message: Localized,
): { ok: true; draft: CaptureDraft } | { ok: false; refusal: CaptureRefusal } {
  const problems = draftRecordProblems(draft.record);
  return problems.length > 0 ? refuse(422, code, message, problems) : { ok: true, draft };
}

/**
 * The problems the record schema finds in a draft, checked with stand-ins for what the commit
 * adds (its chain position and each box's status), so a capture that cannot become a valid record
 * is refused here and never joins a group commit, where it could fail the batch.
 */
export function draftRecordProblems(draft: RecordDraft): Problem[] {
  const probe = {
    ...draft,
    channels: draft.channels.map((c) => ({
      ...c,
      ...(c.checked && c.verify === undefined ? { status: 'ONAY' } : {}),
    })),
    seq: 1,
    prevHash: GENESIS_HASH,
    recordHash: GENESIS_HASH,
  };
  const parsed = CaptureRecordSchema.safeParse(probe);
  return parsed.success ? [] : problemsFromZod(parsed.error, probe);
}

function buildDraft(
  capture: Capture,
  site: SiteConfig,
  facts: RequestFacts,
  phone: string | undefined,
  email: string | undefined,
): RecordDraft {
  const notices: RecordNotice[] = capture.notices.map((ref) => {
    const notice = site.notices.find(
      (n) => n.id === ref.id && n.locale === capture.locale && n.version === ref.version,
    )!;
    return {
      id: ref.id,
      version: ref.version,
      locale: capture.locale,
      kind: notice.kind,
      sha256: ref.sha256,
    };
  });
  const purposes: RecordPurpose[] = Object.entries(capture.purposes).map(([id, granted]) => {
    const noticeId = site.purposes.find((p) => p.id === id)!.noticeId;
    const shown = notices.find((n) => n.id === noticeId)!;
    return { id, granted, noticeId, version: shown.version, sha256: shown.sha256 };
  });
  // Channels in the site's display order, only those the form showed (A4). A ticked box the site
  // verifies waits for the address's owner (docs/verification.md#the-flow).
  const channels = site.channels
    .filter((c) => capture.channels[c.type] !== undefined)
    .map((c): DraftChannel => {
      const checked = capture.channels[c.type] === true;
      const method = verificationOf(site.verification, c.type);
      const address = c.type === 'EPOSTA' ? email : phone;
      return checked && method !== 'none' && address !== undefined
        ? { type: c.type, checked, verify: method }
        : { type: c.type, checked };
    });
  const page = pagePath(capture.pageUrl);
  return {
    kind: 'capture',
    source: 'HS_WEB',
    captureId: capture.id,
    siteKey: site.siteKey,
    receivedAt: facts.receivedAt.toISOString(),
    consentDate: formatIysDate(facts.receivedAt),
    origin: facts.origin!,
    ...applyIpPolicy(site.ipPolicy, { ip: facts.ip, userAgent: facts.userAgent }),
    locale: capture.locale,
    recipientType: capture.recipientType,
    person: {
      ...(capture.person.fullName !== undefined ? { fullName: capture.person.fullName } : {}),
      ...(phone !== undefined ? { phone } : {}),
      ...(email !== undefined ? { email } : {}),
    },
    channels,
    purposes,
    notices,
    widgetVersion: capture.widgetVersion,
    ...(capture.capturedAt !== undefined ? { capturedAt: capture.capturedAt } : {}),
    ...(page !== undefined ? { pageUrl: page } : {}),
  };
}

/** What a refused capture's answer says, by what refused it. */
const REJECTED = {
  site: {
    en: 'The capture does not match the site’s configuration.',
    tr: 'Kayıt sitenin yapılandırmasına uymuyor.',
  },
  record: {
    en: 'The capture would not make a valid record once normalised (e.g. a page URL over 2048 characters after percent-encoding).',
    tr: 'Kayıt, normalleştirildiğinde geçerli bir kayıt olmuyor (ör. yüzde kodlamasından sonra 2048 karakteri aşan bir sayfa adresi).',
  },
} satisfies Record<string, Localized>;

/** A draft refused: the route answers `status` with the code, the message and the problems. */
export function refuse<S extends number = CaptureRefusal['status']>(
  status: S,
  code: string,
  message: Localized,
  problems: Problem[],
): { ok: false; refusal: Omit<CaptureRefusal, 'status'> & { status: S } } {
  return { ok: false, refusal: { status, code, message, problems } };
}
