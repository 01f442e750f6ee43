// The confirmation record (docs/verification.md#records): the address's owner confirmed a held
// permission by a code or a link. Chained and signed like a capture; it names the capture it
// releases by id and hash, the channels it releases, and proves the address by its hash alone.
import { z } from 'zod';
import { Channel } from './enums.js';
import { IysDateString } from './iys-date.js';
import { Sha256Digest } from './notice.js';
import { SiteKey } from './site-config-shape.js';

const utc = z.iso.datetime();

export const ConfirmationRecord = z.strictObject({
  kind: z.literal('confirmation'),
  captureId: z.uuid().meta({
    description: 'The confirmation’s own id, derived from its verification’s (a retry replays it).',
  }),
  siteKey: SiteKey,
  seq: z.int().min(1),
  receivedAt: utc.meta({ description: 'When izinli sealed the record, UTC.' }),
  consentDate: IysDateString.meta({
    description: 'What İYS gets: the later of the capture’s consentDate and confirmedAt.',
  }),
  confirms: z.strictObject({ captureId: z.uuid(), recordHash: Sha256Digest }),
  channels: z
    .array(z.strictObject({ type: Channel, status: z.literal('ONAY') }))
    .min(1)
    .max(3),
  method: z.enum(['code', 'link']),
  destinationSha256: Sha256Digest.meta({
    description: 'SHA-256 of the normalised address the code or link went to.',
  }),
  sentAt: utc,
  confirmedAt: utc,
  attempts: z.int().min(0).max(10).meta({ description: 'Wrong codes tried before the right one.' }),
  ip: z.union([z.ipv4(), z.ipv6()]).optional(),
  userAgent: z.string().max(1024).optional(),
  prevHash: Sha256Digest,
  recordHash: Sha256Digest,
});
/** A chained confirmation of a held permission (see `ConfirmationRecord`). */
export type ConfirmationRecord = z.infer<typeof ConfirmationRecord>;
