// A withdrawal as a draft the group commit already accepts (kind 'withdrawal'): the chosen channels
// unticked — the committer adds RET where the current state is ONAY — and the chosen purposes
// withdrawn, nothing granted (B7). Shared by the admin API and the signed link.
import {
  CHANNELS,
  currentNotice,
  excerpt,
  formatIysDate,
  normalizeEmail,
  normalizePhone,
  isCaptureRecord,
} from '@izinli/core';
import type {
  Channel,
  Localized,
  Problem,
  ProviderSource,
  RecipientType,
  RecordPurpose,
  SiteConfig,
  SupportedLocale,
  TenantConfig,
} from '@izinli/core';
import { checkedDraft, refuse } from '../capture/prepare-capture.js';
import type { CaptureDraft, CaptureRefusal, RecordDraft } from '../capture/prepare-capture.js';
import type { LoadedConfig } from '../config/load-config.js';
import type { CaptureStore } from '../store/ports/capture-store.js';

/** A recipient's addresses, normalised as records store them. */
export interface NormalisedRecipient {
  phone?: string;
  email?: string;
}

/** Everything a withdrawal record says, checked by the caller's schema. */
export interface WithdrawalSpec {
  captureId: string;
  /** The idempotency fingerprint: same id and same fingerprint is a replay. */
  bodyHash: string;
  siteKey: string;
  recipient: { phone?: string | undefined; email?: string | undefined };
  recipientType: RecipientType;
  channels: readonly Channel[];
  purposes: readonly string[];
  source: ProviderSource;
  locale: SupportedLocale;
  receivedAt: Date;
  /** Where the act happened: the link page's origin, or `admin-api:<tenant>`. */
  origin: string;
  /** The person's IP and user agent as the site's IP policy keeps them (link only). */
  seen?: { ip?: string; userAgent?: string };
  /** The server's own version, recorded where a capture records the widget's. */
  serverVersion: string;
  /** The consent text each purpose was last granted against (see `grantedPurposeTexts`). */
  grantedWith?: ReadonlyMap<string, GrantedText>;
}

/** The notice version a purpose was granted against. */
export type GrantedText = Pick<RecordPurpose, 'noticeId' | 'version' | 'sha256'>;

// Enough to find any real person's latest grant of each purpose.
const GRANT_LOOKBACK = 200;

/**
 * For each purpose id, the text of the recipient's newest grant of it on the site (B8: a
 * withdrawal names the consent it takes back). Purposes never granted are absent.
 */
export async function grantedPurposeTexts(
  store: CaptureStore,
  siteKey: string,
  recipient: NormalisedRecipient,
  ids: readonly string[],
): Promise<Map<string, GrantedText>> {
  const found = new Map<string, GrantedText>();
  if (ids.length === 0) return found;
  const wanted = new Set(ids);
  for (const address of [{ phone: recipient.phone }, { email: recipient.email }]) {
    const value = address.phone ?? address.email;
    if (value === undefined) continue;
    const page = await store.listCaptures({
      siteKeys: [siteKey],
      ...(address.phone ? { phone: value } : { email: value }),
      kind: 'capture',
      limit: GRANT_LOOKBACK,
    });
    // Newest first: the first grant seen of a purpose is its latest.
    for (const { record } of page.items) {
      for (const p of record && isCaptureRecord(record) ? record.purposes : []) {
        if (p.granted && wanted.has(p.id) && !found.has(p.id)) {
          found.set(p.id, { noticeId: p.noticeId, version: p.version, sha256: p.sha256 });
        }
      }
    }
  }
  return found;
}

type Prepared = { ok: true; draft: CaptureDraft } | { ok: false; refusal: CaptureRefusal };

/** What a refused withdrawal's answer says, by what refused it. */
const REJECTED = {
  site: {
    en: 'The withdrawal does not match the site’s configuration.',
    tr: 'Geri alma sitenin yapılandırmasına uymuyor.',
  },
  record: {
    en: 'The withdrawal would not make a valid record.',
    tr: 'Geri çekme geçerli bir kayıt oluşturmuyor.',
  },
} satisfies Record<string, Localized>;

/**
 * The site of `siteKey` if `tenant` owns it. Another tenant's site answers exactly like an
 * unknown one, so a token never learns which keys exist elsewhere.
 */
export function tenantSite(
  config: Pick<LoadedConfig, 'sites'>,
  tenant: Pick<TenantConfig, 'id'>,
  siteKey: string,
): SiteConfig | undefined {
  const found = config.sites.get(siteKey);
  return found && found.tenant.id === tenant.id ? found.site : undefined;
}

/** The 404 refusal for a site the tenant does not own. */
export function unknownSite(siteKey: string): CaptureRefusal {
  return {
    status: 404,
    code: 'site.unknown',
    message: {
      en: `This tenant has no site with the key ${excerpt(siteKey, 60)}.`,
      tr: `Bu kiracının ${excerpt(siteKey, 60)} anahtarlı bir sitesi yok.`,
    },
    problems: [
      {
        code: 'site.unknown',
        path: ['siteKey'],
        expected: {
          en: 'the site key of one of this tenant’s sites',
          tr: 'bu kiracının sitelerinden birinin site anahtarı',
        },
        received: excerpt(siteKey, 60),
      },
    ],
  };
}

/** Normalises the addresses (E.164, İYS's e-mail rule), or lists why they are not valid. */
export function normaliseRecipient(recipient: WithdrawalSpec['recipient']): {
  value: NormalisedRecipient;
  problems: Problem[];
} {
  const problems: Problem[] = [];
  const value: NormalisedRecipient = {};
  if (recipient.phone !== undefined) {
    const phone = normalizePhone(recipient.phone);
    if (phone.ok) value.phone = phone.value;
    else problems.push({ ...phone.error, path: ['recipient', 'phone'] });
  }
  if (recipient.email !== undefined) {
    const email = normalizeEmail(recipient.email);
    if (email.ok) value.email = email.value;
    else problems.push({ ...email.error, path: ['recipient', 'email'] });
  }
  return { value, problems };
}

// The consent text a purpose's withdrawal names: the one it was granted against, else the site's
// current version of its notice.
function withdrawnPurpose(
  site: SiteConfig,
  id: string,
  locale: SupportedLocale,
  granted: GrantedText | undefined,
): RecordPurpose | undefined {
  const purpose = site.purposes.find((p) => p.id === id);
  if (!purpose) return undefined;
  if (granted) return { id, granted: false, ...granted };
  const notice =
    currentNotice(site, purpose.noticeId, locale) ??
    site.locales.map((l) => currentNotice(site, purpose.noticeId, l)).find(Boolean);
  if (!notice) return undefined;
  const record: RecordPurpose = {
    id,
    granted: false,
    noticeId: purpose.noticeId,
    version: notice.version,
    sha256: notice.sha256,
  };
  return record;
}

/**
 * Checks a withdrawal against its tenant's site and builds the draft. Any İYS channel may be
 * refused, offered by the site or not: the brand may hold an ONAY from elsewhere (A10).
 */
export function prepareWithdrawal(
  spec: WithdrawalSpec,
  tenant: Pick<TenantConfig, 'id'>,
  config: LoadedConfig,
): Prepared {
  const site = tenantSite(config, tenant, spec.siteKey);
  if (!site) {
    const { status, code, message, problems } = unknownSite(spec.siteKey);
    return refuse(status, code, message, problems);
  }
  const { value: person, problems } = normaliseRecipient(spec.recipient);
  const purposes: RecordPurpose[] = [];
  spec.purposes.forEach((id, i) => {
    const purpose = withdrawnPurpose(site, id, spec.locale, spec.grantedWith?.get(id));
    if (purpose) purposes.push(purpose);
    else {
      problems.push({
        code: 'withdrawal.purposeUnknown',
        path: ['purposes', i],
        expected: {
          en: `a purpose of the site: ${site.purposes.map((p) => p.id).join(', ') || '(none)'}`,
          tr: `sitenin bir amacı: ${site.purposes.map((p) => p.id).join(', ') || '(hiçbiri)'}`,
        },
        received: excerpt(id, 60),
      });
    }
  });
  if (problems.length > 0) return refuse(422, 'withdrawal.rejected', REJECTED.site, problems);
  const chosen = new Set(spec.channels);
  const record: RecordDraft = {
    kind: 'withdrawal',
    source: spec.source,
    captureId: spec.captureId,
    siteKey: site.siteKey,
    receivedAt: spec.receivedAt.toISOString(),
    consentDate: formatIysDate(spec.receivedAt),
    origin: spec.origin,
    ...spec.seen,
    locale: spec.locale,
    recipientType: spec.recipientType,
    person,
    channels: CHANNELS.filter((c) => chosen.has(c)).map((type) => ({ type, checked: false })),
    purposes,
    notices: [],
    widgetVersion: `izinli-server-${spec.serverVersion}`.slice(0, 40),
  };
  const draft = {
    captureId: spec.captureId,
    siteKey: site.siteKey,
    site,
    tenant: config.sites.get(site.siteKey)!.tenant,
    bodyHash: spec.bodyHash,
    record,
  };
  return checkedDraft(draft, 'withdrawal.rejected', REJECTED.record);
}
