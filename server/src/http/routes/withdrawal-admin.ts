// The admin side of withdrawal (A10, A11, B7): record one for chosen channels and purposes, or
// hand out a signed, expiring link the site puts in its e-mails.
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import {
  WITHDRAWAL_SOURCES,
  Withdrawal,
  WithdrawalLinkRequest,
  addressKindOf,
  described,
} from '@izinli/core';
import type { Channel, Localized } from '@izinli/core';
import { bodyFingerprint } from '../../capture/prepare-capture.js';
import { commitWithdrawal } from '../../withdrawal/commit-withdrawal.js';
import {
  grantedPurposeTexts,
  normaliseRecipient,
  prepareWithdrawal,
  tenantSite,
  unknownSite,
} from '../../withdrawal/withdrawal-draft.js';
import { signWithdrawalToken, withdrawalCaptureId } from '../../withdrawal/withdrawal-token.js';
import { ApiError, refusalError } from '../api-error.js';
import type { DepsWith } from '../app-deps.js';
import type { CaptureStore } from '../../store/ports/capture-store.js';
import type { MovementStore } from '../../store/ports/movement-store.js';
import { readJsonBody } from '../json-body.js';
import type { AdminEnv } from './admin-auth.js';

const DAY_MS = 86_400_000;

/** The 422 of a link whose recipient is not a valid address. */
const RECIPIENT_REJECTED: Localized = {
  en: 'The recipient is not valid.',
  tr: 'Alıcı geçerli değil.',
};

/** The 422 of a link for no channel the recipient has an address for. */
const NOTHING_TO_WITHDRAW: Localized = {
  en: 'The link would withdraw nothing.',
  tr: 'Bu bağlantıyla hiçbir izin geri alınmaz.',
};

/** The 503 of a link asked of a server that cannot sign one. */
const LINKS_UNAVAILABLE: Localized = {
  en: 'This server cannot sign links.',
  tr: 'Bu sunucu bağlantı imzalayamıyor.',
};

/** Mounted inside /v1/admin (behind its bearer auth): /withdrawals and /withdrawal-links. */
export function adminWithdrawalRoutes(deps: DepsWith<CaptureStore & MovementStore>) {
  const now = deps.now ?? (() => new Date());
  const serverVersion = deps.version ?? '0.1.0';
  return new Hono<AdminEnv>()
    .post('/withdrawals', async (c) => {
      const body = await readJsonBody(c, Withdrawal);
      const tenant = c.get('tenant');
      const grantedWith = tenantSite(deps.config, tenant, body.siteKey)
        ? await grantedPurposeTexts(
            deps.store,
            body.siteKey,
            normaliseRecipient(body.recipient).value,
            body.purposes,
          )
        : undefined;
      const prepared = prepareWithdrawal(
        {
          captureId: body.id ?? randomUUID(),
          bodyHash: bodyFingerprint(body),
          siteKey: body.siteKey,
          recipient: body.recipient,
          recipientType: body.recipientType,
          channels: body.channels,
          purposes: body.purposes,
          source: WITHDRAWAL_SOURCES[body.via],
          locale: body.locale,
          receivedAt: now(),
          origin: `admin-api:${tenant.id}`,
          serverVersion,
          ...(grantedWith ? { grantedWith } : {}),
        },
        tenant,
        deps.config,
      );
      if (!prepared.ok) {
        throw refusalError(prepared.refusal);
      }
      const committed = await commitWithdrawal(deps, prepared.draft);
      if (!committed.ok) {
        throw refusalError(committed.refusal);
      }
      return c.json(committed.body, committed.created ? 201 : 200);
    })
    .post('/withdrawal-links', async (c) => {
      const body = await readJsonBody(c, WithdrawalLinkRequest);
      const tenant = c.get('tenant');
      const site = tenantSite(deps.config, tenant, body.siteKey);
      if (!site) {
        throw refusalError(unknownSite(body.siteKey));
      }
      const { value: recipient, problems } = normaliseRecipient(body.recipient);
      if (problems.length > 0) {
        throw new ApiError(422, 'withdrawal.rejected', RECIPIENT_REJECTED, problems);
      }
      // By default every channel the site offers that the recipient has an address for.
      const channels: Channel[] =
        body.channels ??
        site.channels.map((ch) => ch.type).filter((t) => recipient[addressKindOf(t)] !== undefined);
      if (channels.length === 0) {
        const offered = site.channels.map((ch) => ch.type).join(', ');
        throw new ApiError(422, 'withdrawal.noChannels', NOTHING_TO_WITHDRAW, {
          path: ['channels'],
          expected: {
            en: `channels to withdraw; the site offers ${offered}`,
            tr: `geri alınacak kanallar; site şunları sunuyor: ${offered}`,
          },
          ...described({
            en: 'none that the recipient has an address for',
            tr: 'alıcının adresi olan hiçbir kanal',
          }),
        });
      }
      if (!deps.signToken) {
        throw new ApiError(503, 'withdrawal.linksUnavailable', LINKS_UNAVAILABLE);
      }
      const issuedAt = now();
      const expiresAt = new Date(issuedAt.getTime() + body.expiresInDays * DAY_MS);
      const jti = randomUUID();
      const token = await signWithdrawalToken(
        deps.signToken,
        {
          jti,
          tenant: tenant.id,
          site: site.siteKey,
          recipient,
          recipientType: body.recipientType,
          channels,
        },
        issuedAt,
        expiresAt,
      );
      const base = (deps.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');
      return c.json(
        {
          url: `${base}/v1/withdraw?t=${token}`,
          // Whole seconds, as the token's exp says.
          expiresAt: new Date(Math.floor(expiresAt.getTime() / 1000) * 1000).toISOString(),
          channels,
          captureId: withdrawalCaptureId(jti),
        },
        201,
      );
    });
}
