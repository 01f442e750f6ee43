// The fake server's verification routes (docs/verification.md#http), as the server answers them:
// a code verification per channel and address, its code always FAKE_CODE, three tries, a wait of
// `state.resendSeconds` before another send and three sends at most; and the held channels the
// capture's 201 answer lists.
import { normalizeEmail, normalizePhone } from '@izinli/core';
import { apiError, json, readBody } from './fake-http.js';

/** The code every fake verification sends. */
export const FAKE_CODE = '246810';

/** The ticked channels the site verifies, each with how it stands (the capture's 201 answer). */
export function heldChannels(sites, capture, ids, state) {
  const policy = sites.get(capture.siteKey)?.verification?.channels ?? {};
  return Object.entries(capture.channels).flatMap(([channel, checked]) => {
    const method = policy[channel];
    if (!checked || !method || method === 'none') return [];
    const confirmed = ids.some((id) => {
      const v = state.verifications.get(id);
      return v?.channel === channel && v.state === 'confirmed';
    });
    const held = method === 'link' ? 'sent' : confirmed ? 'confirmed' : 'unverified';
    return [{ channel, method, state: held }];
  });
}

/** Starts a code verification as POST /v1/verifications does; the code is always FAKE_CODE. */
export async function postVerification(ctx, state, sites) {
  const body = JSON.parse((await readBody(ctx.req)) || '{}');
  state.verificationPosts.push({ path: 'verifications', body });
  const site = sites.get(body.siteKey);
  const method = site?.verification?.channels?.[body.channel];
  if (method !== 'code') {
    return apiError(ctx, 422, 'verification.notCode', 'This channel asks no code.');
  }
  const address =
    body.channel === 'EPOSTA' ? normalizeEmail(body.email ?? '') : normalizePhone(body.phone ?? '');
  if (!address.ok) return apiError(ctx, 422, 'verification.address', 'Not a usable address.');
  const id = `v-${state.verifications.size + 1}-${Date.now().toString(36)}`;
  state.verificationPosts.at(-1).id = id;
  const v = { id, channel: body.channel, state: 'sent', attemptsLeft: 3, sends: 1, expired: false };
  state.verifications.set(id, v);
  json(ctx, 201, { verificationId: id, method: 'code', ...times(v, state) });
}

function times(v, state) {
  const now = Date.now();
  v.resendAt = now + state.resendSeconds * 1000;
  return {
    expiresAt: new Date(now + 180_000).toISOString(),
    resendAfter: new Date(v.resendAt).toISOString(),
  };
}

export async function postCode(ctx, state, id) {
  const body = JSON.parse((await readBody(ctx.req)) || '{}');
  state.verificationPosts.push({ path: 'code', id, body });
  const v = state.verifications.get(id);
  if (!v) return apiError(ctx, 404, 'verification.unknown', 'No such verification.');
  if (v.expired) return apiError(ctx, 410, 'verification.expired', 'The code has expired.');
  if (v.attemptsLeft <= 0) return apiError(ctx, 410, 'verification.locked', 'Too many tries.');
  if (body.code === FAKE_CODE) {
    v.state = 'confirmed';
    return json(ctx, 200, { state: 'confirmed' });
  }
  v.attemptsLeft -= 1;
  if (v.attemptsLeft <= 0) return apiError(ctx, 410, 'verification.locked', 'Too many tries.');
  // As the server words it: attemptsLeft in the first problem's params.
  json(ctx, 422, {
    error: {
      code: 'verification.codeWrong',
      message: 'Wrong code.',
      problems: [
        { path: 'code', code: 'verification.codeWrong', params: { attemptsLeft: v.attemptsLeft } },
      ],
    },
  });
}

export async function postResend(ctx, state, id) {
  state.verificationPosts.push({ path: 'resend', id });
  const v = state.verifications.get(id);
  if (!v) return apiError(ctx, 404, 'verification.unknown', 'No such verification.');
  const wait = Math.ceil((v.resendAt - Date.now()) / 1000);
  if (wait > 0 || v.sends >= 3) {
    const headers = { 'Retry-After': String(Math.max(wait, 1)) };
    return apiError(ctx, 429, 'verification.tooSoon', 'Too soon or too many sends.', [], headers);
  }
  Object.assign(v, { sends: v.sends + 1, attemptsLeft: 3, expired: false, state: 'sent' });
  json(ctx, 200, times(v, state));
}
