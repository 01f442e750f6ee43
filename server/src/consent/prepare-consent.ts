// Long because: every pre-transaction check of a hand-recorded consent, in İYS's order.
// A consent an operator records (A19) as a draft the group commit already accepts (kind
// 'capture', its real source and consentDate, who recorded it, its evidence): everything checked
// that can be before the transaction — the site, the addresses, the texts shown, the date against
// İYS's rules and the evidence files the tenant holds. Shared by the admin API and `izinli import`.
import { createHash } from 'node:crypto';
import {
  CHANNELS,
  EVIDENCE_FOR_SOURCE,
  SCAN_MEDIA_TYPES,
  currentNotice,
  excerpt,
  findNotice,
  phoneKind,
  phoneKindProblems,
} from '@izinli/core';
import type {
  EvidenceFileRef,
  Localized,
  Problem,
  RecordEvidence,
  RecordNotice,
  RecordPurpose,
  SiteConfig,
  TenantConfig,
} from '@izinli/core';
import { bodyFingerprint, draftRecordProblems } from '../capture/prepare-capture.js';
import type { CaptureDraft, CaptureRefusal, RecordDraft } from '../capture/prepare-capture.js';
import type { LoadedConfig } from '../config/load-config.js';
import type { EvidenceStore } from '../store/ports/evidence-store.js';
import { fileRef } from '../evidence/evidence-upload.js';
import { normaliseRecipient, tenantSite, unknownSite } from '../withdrawal/withdrawal-draft.js';
import { judgeConsentDate } from './consent-dates.js';
import type { ConsentWindowLeft } from './consent-dates.js';
import type { ConsentEvidenceInput, ConsentRequest } from './consent-request.js';

/** Who records, when, on which server. */
export interface ConsentContext {
  tenant: TenantConfig;
  /** The admin token's label: who recorded it. */
  recordedBy: string;
  config: Pick<LoadedConfig, 'sites' | 'calendars'>;
  /** Where the evidence files named by hash are looked up (an import overlays its own). */
  store: Pick<EvidenceStore, 'evidenceFilesMeta'>;
  now: Date;
  serverVersion: string;
  captureId: string;
}

export type PreparedConsent =
  | { ok: true; draft: CaptureDraft; window?: ConsentWindowLeft }
  | { ok: false; refusal: CaptureRefusal };

const REJECTED: Localized = {
  en: 'The consent cannot be recorded as sent.',
  tr: 'İzin gönderildiği hâliyle kaydedilemiyor.',
};

const refuse = (problems: Problem[], status: CaptureRefusal['status'] = 422): PreparedConsent => ({
  ok: false,
  refusal: { status, code: 'consent.rejected', message: REJECTED, problems },
});

// The notices the form or script showed: those named, else every notice's current version.
function shownNotices(site: SiteConfig, body: ConsentRequest, problems: Problem[]): RecordNotice[] {
  if (body.notices === undefined) {
    const ids = [...new Set(site.notices.map((n) => n.id))];
    return ids.flatMap((id) => {
      const n = currentNotice(site, id, body.locale);
      return n
        ? [{ id, version: n.version, locale: n.locale, kind: n.kind, sha256: n.sha256 }]
        : [];
    });
  }
  return body.notices.flatMap((ref, i) => {
    const n = findNotice(site, ref.id, body.locale, ref.version);
    if (n)
      return [{ id: n.id, version: n.version, locale: n.locale, kind: n.kind, sha256: n.sha256 }];
    problems.push({
      code: 'consent.notice',
      path: ['notices', i],
      expected: {
        en: `a notice version of the site in ${body.locale}`,
        tr: `sitenin ${body.locale} dilindeki bir metin sürümü`,
      },
      received: excerpt(`${ref.id} v${ref.version}`, 80),
    });
    return [];
  });
}

function grantedPurposes(
  site: SiteConfig,
  body: ConsentRequest,
  notices: RecordNotice[],
  problems: Problem[],
): RecordPurpose[] {
  return body.purposes.flatMap((p, i) => {
    const purpose = site.purposes.find((s) => s.id === p.id);
    const notice = purpose
      ? p.version === undefined
        ? (notices.find((n) => n.id === purpose.noticeId) ??
          currentNotice(site, purpose.noticeId, body.locale))
        : findNotice(site, purpose.noticeId, body.locale, p.version)
      : undefined;
    if (!purpose || !notice) {
      problems.push({
        code: 'consent.purpose',
        path: ['purposes', i],
        expected: {
          en: `a purpose of the site with its text in ${body.locale}: ${site.purposes.map((s) => s.id).join(', ') || '(none)'}`,
          tr: `sitenin ${body.locale} dilinde metni olan bir amacı: ${site.purposes.map((s) => s.id).join(', ') || '(hiçbiri)'}`,
        },
        received: excerpt(p.version === undefined ? p.id : `${p.id} v${p.version}`, 80),
      });
      return [];
    }
    if (!notices.some((n) => n.id === notice.id && n.version === notice.version)) {
      notices.push({
        id: notice.id,
        version: notice.version,
        locale: notice.locale,
        kind: notice.kind,
        sha256: notice.sha256,
      });
    }
    return [
      {
        id: p.id,
        granted: p.granted,
        noticeId: notice.id,
        version: notice.version,
        sha256: notice.sha256,
      },
    ];
  });
}

/** The hash of a reply's text: NFC-normalised UTF-8, so the same words hash alike. */
export const replyTextHash = (text: string) =>
  createHash('sha256').update(text.normalize('NFC'), 'utf8').digest('hex');

// The evidence as the record keeps it: each file named by hash resolved to the tenant's stored
// file, with its media type as found in its bytes.
async function recordEvidence(
  input: ConsentEvidenceInput,
  context: ConsentContext,
  problems: Problem[],
): Promise<RecordEvidence | undefined> {
  const hashes =
    input.kind === 'scan' || input.kind === 'reference'
      ? (input.files ?? [])
      : input.kind === 'call' && input.recording
        ? [input.recording]
        : [];
  const stored = await context.store.evidenceFilesMeta(context.tenant.id, hashes);
  const resolve = (sha256: string, path: (string | number)[], scan: boolean) => {
    const file = stored.get(sha256);
    const fits = file && (SCAN_MEDIA_TYPES as readonly string[]).includes(file.mediaType) === scan;
    if (file && fits) return fileRef(file);
    problems.push({
      code: 'consent.evidenceFile',
      path: ['evidence', ...path],
      expected: {
        en: `the SHA-256 of ${scan ? 'a scan (PDF, JPEG, PNG)' : 'a recording'} uploaded to /v1/admin/evidence-files`,
        tr: `/v1/admin/evidence-files adresine yüklenmiş bir ${scan ? 'taramanın (PDF, JPEG, PNG)' : 'ses kaydının'} SHA-256 özeti`,
      },
      received: excerpt(file ? `${sha256} (${file.mediaType})` : sha256, 90),
    });
    return undefined;
  };
  const files = (list: readonly string[], scan: boolean) =>
    list.map((h, i) => resolve(h, ['files', i], scan)).filter((f): f is EvidenceFileRef => !!f);
  switch (input.kind) {
    case 'scan':
      return {
        kind: 'scan',
        ...(input.formId !== undefined ? { formId: input.formId } : {}),
        files: files(input.files, true),
      };
    case 'call': {
      const recording = input.recording && resolve(input.recording, ['recording'], false);
      return {
        kind: 'call',
        callId: input.callId,
        agentId: input.agentId,
        recordingRef: input.recordingRef,
        ...(recording ? { recording } : {}),
      };
    }
    case 'reply':
      return {
        kind: 'reply',
        messageId: input.messageId,
        replySha256: input.replySha256 ?? replyTextHash(input.replyText ?? ''),
      };
    case 'reference':
      return {
        kind: 'reference',
        reference: input.reference,
        ...(input.files ? { files: files(input.files, true) } : {}),
      };
  }
}

/** Checks a consent against its tenant's site, İYS's date rules and the stored files. */
export async function prepareConsent(
  body: ConsentRequest,
  context: ConsentContext,
): Promise<PreparedConsent> {
  const { tenant, config, now } = context;
  const site = tenantSite(config, tenant, body.siteKey);
  if (!site) return { ok: false, refusal: unknownSite(body.siteKey) };
  const { value: person, problems } = normaliseRecipient(body.recipient);
  const date = judgeConsentDate(body.consentDate, body.source, now, config.calendars);
  if (!date.ok) problems.push(date.problem);
  const wanted = EVIDENCE_FOR_SOURCE[body.source];
  if (body.evidence.kind !== wanted) {
    problems.push({
      code: 'consent.evidenceKind',
      path: ['evidence', 'kind'],
      expected: {
        en: `${wanted}: the evidence ${body.source} calls for (A19)`,
        tr: `${wanted}: ${body.source} kaynağının gerektirdiği kanıt (A19)`,
      },
      received: JSON.stringify(body.evidence.kind),
    });
  }
  const seen = new Set<string>();
  body.channels.forEach((c, i) => {
    if (seen.has(c.type)) {
      problems.push({
        code: 'consent.channelTwice',
        path: ['channels', i, 'type'],
        expected: { en: 'each channel once', tr: 'her kanal bir kez' },
        received: JSON.stringify(c.type),
      });
    }
    seen.add(c.type);
  });
  const granted = body.channels.filter((c) => c.status === 'ONAY').map((c) => c.type);
  if (body.source === 'HS_KARAR' && granted.length > 0) {
    problems.push({
      code: 'consent.karar',
      path: ['channels'],
      expected: {
        en: 'RET only: İYS takes HS_KARAR (a decision) for refusals, never for ONAY (H408)',
        tr: 'yalnızca RET: İYS HS_KARAR (karar) kaynağını yalnızca ret için kabul eder, ONAY için etmez (H408)',
      },
      received: granted.map((t) => `${t} ONAY`).join(', '),
    });
  }
  if (person.phone !== undefined) {
    problems.push(
      ...phoneKindProblems(
        granted,
        phoneKind(person.phone),
        site.phones,
        body.recipient.phone ?? '',
      ),
    );
  }
  const notices = shownNotices(site, body, problems);
  const purposes = grantedPurposes(site, body, notices, problems);
  const evidence = await recordEvidence(body.evidence, context, problems);
  if (problems.length > 0 || !evidence) return refuse(problems);
  const status = new Map(body.channels.map((c) => [c.type, c.status]));
  const record: RecordDraft = {
    kind: 'capture',
    source: body.source,
    captureId: context.captureId,
    siteKey: site.siteKey,
    receivedAt: now.toISOString(),
    consentDate: body.consentDate,
    origin: `admin-api:${tenant.id}`,
    locale: body.locale,
    recipientType: body.recipientType,
    person: {
      ...(body.recipient.fullName !== undefined
        ? { fullName: body.recipient.fullName.trim() }
        : {}),
      ...person,
    },
    // İYS's channel order; RET only where the current state is ONAY (the commit decides).
    channels: CHANNELS.filter((c) => status.has(c)).map((type) => ({
      type,
      checked: status.get(type) === 'ONAY',
    })),
    purposes,
    notices,
    widgetVersion: `izinli-server-${context.serverVersion}`.slice(0, 40),
    recordedBy: context.recordedBy,
    evidence,
  };
  const recordProblems = draftRecordProblems(record);
  if (recordProblems.length > 0) return refuse(recordProblems);
  return {
    ok: true,
    draft: {
      captureId: context.captureId,
      siteKey: site.siteKey,
      site,
      tenant: config.sites.get(site.siteKey)!.tenant,
      bodyHash: bodyFingerprint({ ...body, id: context.captureId }),
      record,
    },
    ...(date.ok && date.window ? { window: date.window } : {}),
  };
}
