import { iysError } from '@izinli/core';
import type { IysAddConsentResponse } from '@izinli/core';
import { Hono } from 'hono';
import { quotaRefusal } from '../account-state.js';
import type { SimContext, SimEnv } from '../context.js';
import { businessRuleError, recordMovement } from '../consent-rules.js';
import { validateConsent } from '../consent-validation.js';
import { iysErrors } from '../http.js';
import { sha256Hex } from '../ids.js';
import { consentFingerprint, consentKey } from '../state.js';
import { validationContext } from './validation-context.js';

/**
 * Add one consent: `POST /sps/{iysCode}/brands/{brandCode}/consents` (v1) and its v2 twin, which
 * answers a byte-identical replay (same path, same body bytes) with the first answer instead of
 * judging it again.
 */
export function addConsentRoutes(ctx: SimContext, version: 'v1' | 'v2'): Hono<SimEnv> {
  const app = new Hono<SimEnv>();
  app.post('/:iysCode/brands/:brandCode/consents', async (c) => {
    const text = await c.req.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return iysErrors(c, [iysError('H014')]);
    }
    const replayKey = sha256Hex(`${c.req.path}\n${text}`);
    if (version === 'v2') {
      const prior = ctx.state.v2Replays.get(replayKey);
      if (prior) return c.json(prior);
    }
    const checked = validateConsent(body, validationContext(ctx, c));
    if (!checked.ok) return iysErrors(c, checked.errors);
    const consent = checked.consent;
    const ruleError = businessRuleError(
      ctx.state.consents.get(consentKey(consent)),
      consent,
      ctx.options.policy,
    );
    if (ruleError) return iysErrors(c, [ruleError]);
    const account = c.get('account');
    const full = quotaRefusal(ctx.state, account, ctx.accounts.get(account.iysCode), consent);
    if (full) return iysErrors(c, [full]);
    const movement = recordMovement(
      ctx.state,
      consent,
      ctx.clock.nowMs(),
      version === 'v2' ? 'single-v2' : 'single-v1',
    );
    const answer: IysAddConsentResponse = {
      transactionId: movement.transactionId,
      creationDate: movement.creationDate,
    };
    if (version === 'v2') ctx.state.v2Replays.set(replayKey, answer);
    const fingerprint = consentFingerprint(consent);
    if (!ctx.state.originals.has(fingerprint)) {
      ctx.state.originals.set(fingerprint, { ...answer, viaSingleV2: version === 'v2' });
    }
    return c.json(answer);
  });
  return app;
}
