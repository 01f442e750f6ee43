// A recipient across captures, channels and sites: the timeline an operator reads and the
// evidence bundle a lawyer hands over (A13: records, receipts, exact texts, public keys).
import { evidenceFiles, isCaptureRecord, movementKey } from '@izinli/core';
import type { CaptureRecord, Channel, Movement, TenantConfig } from '@izinli/core';
import type { StoredCapture } from '../../store/store.js';
import type { DepsWith } from '../app-deps.js';
import type { CaptureStore } from '../../store/ports/capture-store.js';
import type { ChainStore } from '../../store/ports/chain-store.js';
import type { MirrorStore } from '../../store/ports/mirror-store.js';
import type { MovementStore } from '../../store/ports/movement-store.js';
import type { EvidenceStore } from '../../store/ports/evidence-store.js';
import type { ReconciliationStore } from '../../store/ports/reconciliation-store.js';
import type { VerificationStore } from '../../store/ports/verification-store.js';
import {
  captureVerifications,
  heldChannelViews,
  holdsChannels,
} from '../../verification/verification-views.js';
import type { HeldChannelView } from '../../verification/verification-views.js';
import { iysEvidence } from './evidence-iys.js';
import type { RecipientTimeline, TimelineEvent } from '../admin-api-types.js';

type Recipient = { phone?: string; email?: string };

// Enough for any real person; a recipient with more records is paged by the captures list.
const MAX_RECORDS = 5000;

/** Every capture of the tenant that names the recipient, oldest first. */
async function capturesOf(
  deps: { store: CaptureStore },
  tenant: TenantConfig,
  recipient: Recipient,
): Promise<StoredCapture[]> {
  const found: StoredCapture[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.listCaptures({
      siteKeys: tenant.sites.map((s) => s.siteKey),
      ...recipient,
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    found.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && found.length < MAX_RECORDS);
  return found.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.seq - b.seq);
}

const channelsFor = (recipient: Recipient): Channel[] =>
  recipient.email ? ['EPOSTA'] : ['MESAJ', 'ARAMA'];

/** One held channel of a recipient's capture, as the evidence bundle lists it. */
type BundleHeldChannel = { captureId: string } & Omit<HeldChannelView, 'verificationId'>;

/**
 * The recipient's captures with the confirmation records that released their held channels (they
 * name no address, so they are found through the captures' verifications), in chain time order,
 * and where each held channel of those captures stands.
 */
async function withConfirmations(
  deps: DepsWith<CaptureStore & VerificationStore>,
  captures: StoredCapture[],
): Promise<{ records: StoredCapture[]; held: Map<string, HeldChannelView[]> }> {
  const held = new Map<string, HeldChannelView[]>();
  const confirmations: StoredCapture[] = [];
  for (const capture of captures) {
    if (!holdsChannels(capture.record)) continue;
    const found = await captureVerifications(deps.store, capture);
    held.set(capture.captureId, heldChannelViews(capture.record, found.verifications));
    confirmations.push(...found.confirmations);
  }
  const records = [...captures, ...confirmations].sort(
    (a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.seq - b.seq,
  );
  return { records, held };
}

/** A timeline event's fields from its record: what was chosen, or what a confirmation released. */
function eventFields(
  capture: StoredCapture,
  mine: ReadonlySet<Channel>,
  held: HeldChannelView[] | undefined,
) {
  const record = capture.record;
  if (record?.kind === 'confirmation')
    return {
      kind: record.kind,
      consentDate: record.consentDate,
      confirms: record.confirms.captureId,
      method: record.method,
      confirmedAt: record.confirmedAt,
      channels: record.channels.filter((ch) => mine.has(ch.type)),
    };
  if (!record || !isCaptureRecord(record)) return { purgedAt: capture.purgedAt };
  return {
    kind: record.kind,
    consentDate: record.consentDate,
    source: record.source,
    ...(record.kind === 'capture' && record.recordedBy !== undefined
      ? { recordedBy: record.recordedBy, evidence: record.evidence }
      : {}),
    channels: record.channels.filter((ch) => mine.has(ch.type)),
    purposes: record.purposes.map(({ id, granted }) => ({ id, granted })),
    notices: record.notices.map(({ id, version }) => ({ id, version })),
    ...(held && held.length > 0 ? { held } : {}),
  };
}

/** The recipient's history: each record's boxes, each movement's delivery, the current state. */
export async function recipientTimeline(
  deps: DepsWith<CaptureStore & MirrorStore & MovementStore & VerificationStore>,
  tenant: TenantConfig,
  recipient: Recipient,
): Promise<RecipientTimeline> {
  const own = await capturesOf(deps, tenant, recipient);
  const { records: captures, held } = await withConfirmations(deps, own);
  const mine = new Set(channelsFor(recipient));
  const events: TimelineEvent[] = [];
  const movements: Movement[] = [];
  for (const capture of captures) {
    const record = capture.record;
    // A confirmation of the capture's other address (its e-mail, on a phone's timeline) is not this.
    if (record?.kind === 'confirmation' && !record.channels.some((c) => mine.has(c.type))) continue;
    const own = await deps.store.movements({ captureId: capture.captureId });
    movements.push(...own.filter((m) => mine.has(m.type)));
    events.push({
      at: capture.receivedAt,
      siteKey: capture.siteKey,
      captureId: capture.captureId,
      seq: capture.seq,
      ...eventFields(
        capture,
        mine,
        held.get(capture.captureId)?.filter((h) => mine.has(h.channel)),
      ),
      movements: own
        .filter((m) => mine.has(m.type))
        .map(({ id, type, status, state, deadline, transactionId }) => ({
          id,
          type,
          status,
          state,
          deadline,
          ...(transactionId ? { transactionId } : {}),
        })),
    });
  }
  // Current state per İYS key: the mirror (İYS's view) beside our latest intent.
  const keys = [...new Set(movements.map((m) => movementKey(m)))];
  const mirror = await deps.store.mirror(keys);
  const current = keys.map((key) => {
    const latest = movements.filter((m) => movementKey(m) === key).at(-1)!;
    const iys = mirror.get(key);
    return {
      key,
      brandCode: latest.brandCode,
      type: latest.type,
      intended: latest.status,
      delivery: latest.state,
      ...(iys
        ? { iys: { status: iys.status, consentDate: iys.consentDate, source: iys.source } }
        : {}),
    };
  });
  return { recipient, current, events };
}

/** One JSON document that proves, to anyone, what the recipient was shown and chose. */
export async function evidenceBundle(
  deps: DepsWith<
    CaptureStore &
      ChainStore &
      MirrorStore &
      MovementStore &
      ReconciliationStore &
      EvidenceStore &
      VerificationStore
  >,
  tenant: TenantConfig,
  recipient: Recipient,
) {
  const own = await capturesOf(deps, tenant, recipient);
  // The records are whole, so each held channel of theirs is said, whichever the recipient's.
  const { records: captures, held } = await withConfirmations(deps, own);
  const heldChannels: BundleHeldChannel[] = [...held].flatMap(([captureId, views]) =>
    views.map(({ verificationId: _internal, ...view }) => ({ captureId, ...view })),
  );
  const records = captures.filter(
    (c): c is StoredCapture & { record: CaptureRecord } =>
      c.record !== undefined && isCaptureRecord(c.record),
  );
  const texts = new Map<string, unknown>();
  for (const { record } of records) {
    const site = tenant.sites.find((s) => s.siteKey === record.siteKey);
    for (const ref of record.notices) {
      const notice = site?.notices.find(
        (n) => n.id === ref.id && n.version === ref.version && n.locale === ref.locale,
      );
      if (notice)
        texts.set(`${record.siteKey}/${ref.id}/${ref.locale}/${ref.version}`, {
          siteKey: record.siteKey,
          ...notice,
        });
    }
  }
  const sites = [...new Set(captures.map((c) => c.siteKey))];
  const checkpoints = (await Promise.all(sites.map((s) => deps.store.checkpoints(s, 1)))).flat();
  const movements = (
    await Promise.all(captures.map((c) => deps.store.movements({ captureId: c.captureId })))
  ).flat();
  const siteOf = new Map(captures.map((c) => [c.captureId, c.siteKey]));
  const iys = await iysEvidence(deps.store, movements, (id) => siteOf.get(id));
  // The scans and recordings the records name (A19), as base64: a purged record's are gone with it.
  const files = new Map<
    string,
    { sha256: string; mediaType: string; size: number; base64: string }
  >();
  for (const { record } of records) {
    if (record.kind !== 'capture') continue;
    for (const ref of evidenceFiles(record.evidence)) {
      if (files.has(ref.sha256)) continue;
      const file = await deps.store.evidenceFile(tenant.id, ref.sha256);
      if (file) {
        files.set(ref.sha256, {
          sha256: file.sha256,
          mediaType: file.mediaType,
          size: file.size,
          base64: Buffer.from(file.bytes).toString('base64'),
        });
      }
    }
  }
  return {
    type: 'izinli-evidence',
    version: 1,
    generatedAt: (deps.now?.() ?? new Date()).toISOString(),
    tenant: { id: tenant.id, name: tenant.name },
    recipient,
    records: captures.map((c) => ({
      captureId: c.captureId,
      siteKey: c.siteKey,
      seq: c.seq,
      prevHash: c.prevHash,
      recordHash: c.recordHash,
      ...(c.record ? { record: c.record, receipt: c.receipt } : { purgedAt: c.purgedAt }),
    })),
    notices: [...texts.values()],
    jwks: deps.jwks(),
    checkpoints,
    iysDeliveries: iys.deliveries,
    iysDays: iys.days,
    evidenceFiles: [...files.values()],
    heldChannels,
    howToVerify:
      'Each receipt is a compact JWS (EdDSA, Ed25519) over the RFC 8785 canonical record; verify it with any JOSE library against jwks, or check the whole bundle with `izinli verify bundle <this file> --jwks <server>/.well-known/jwks.json` (each receipt, the record beside it, each notice text against its hash, each checkpoint). Each notice text hashes (SHA-256, UTF-8) to the sha256 its record names. Checkpoints sign each site’s chain head. Each evidence file (a scan or a recording of a consent recorded by hand) decodes from base64 to bytes whose SHA-256 is the one its record, and so its receipt, names; `izinli verify bundle` checks those too. A confirmation record (kind confirmation) proves that the owner of the address confirmed held channels by a code or link: its confirms.recordHash is the recordHash of the capture it names, and its destinationSha256 is the SHA-256 (UTF-8) of that capture’s phone (MESAJ, ARAMA) or e-mail (EPOSTA); `izinli verify bundle` checks both. heldChannels says, unsigned, where each held channel stands (confirmed, or expired and never sent to İYS). Each İYS delivery names İYS’s transactionId; on a day reconciled with İYS, fileLine is that delivery’s line of İYS’s daily file, whose SHA-256 İYS’s RFC 3161 time stamp (iysDays[].timestamp, base64 .tsr) carries, and iysDays[].chained names the signed iys-day record (seq, recordHash, receipt) of the site’s chain that holds the file’s and the stamp’s hashes: `openssl ts -verify -in day.tsr -digest <fileSha256> -CAfile <İYS TSA certificate>`, or with the whole file `izinli verify timestamp day.tsr day.csv --ca <certificate>`.',
  };
}
