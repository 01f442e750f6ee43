// Schemas of what the admin API shows of verified consent (docs/verification.md): a capture's
// verifications (never their address, code or link) and each held channel's state.
import { Channel } from '@izinli/core';
import { z } from 'zod';

const utc = z.iso.datetime();

/** One verification of a capture, as GET /v1/admin/captures/{captureId} shows it. */
export const CaptureVerification = z.object({
  id: z.string(),
  method: z.enum(['code', 'link']),
  addressKind: z.enum(['phone', 'email']),
  state: z.enum(['pending', 'confirmed', 'expired', 'locked', 'superseded']),
  channels: z.array(Channel).meta({ description: 'The held channels it releases.' }),
  sentAt: utc.optional().meta({ description: 'When the current code or link was sent.' }),
  sends: z.int().meta({ description: 'Codes or links made so far, the first included.' }),
  attempts: z.int().meta({ description: 'Wrong codes typed so far.' }),
  expiresAt: utc.optional().meta({ description: 'When the current code or link stops working.' }),
  holdUntil: utc.meta({ description: 'When the held channels expire unconfirmed.' }),
  confirmedAt: utc.optional(),
  releasedAt: utc.optional().meta({ description: 'When the confirmation record was chained.' }),
  confirmationId: z
    .string()
    .optional()
    .meta({ description: 'The chained confirmation record’s id, once released.' }),
});

/** Where one held channel of a capture stands (lists, timelines, evidence bundles). */
export const HeldChannel = z.object({
  channel: Channel,
  method: z.enum(['code', 'link']),
  state: z.enum(['held', 'sent', 'confirmed', 'locked', 'expired', 'superseded']).meta({
    description:
      'held: nothing sent or tied yet; sent: a code or link is out; confirmed; locked: too many wrong codes; expired: not confirmed in time, nothing went to İYS; superseded: a newer capture of the address decided.',
  }),
  at: utc.optional().meta({
    description: 'When it was confirmed (confirmed), else when the hold ends or ended.',
  }),
  verificationId: z.string().optional(),
  confirmationId: z.string().optional(),
});
