// The pre-send check (docs/architecture.md#sync): `GET /v1/check` for one recipient and `POST /v1/check`
// for up to 1000, answered from the İYS mirror only (A2), behind the admin token.
import { Hono } from 'hono';
import {
  Channel,
  RecipientType,
  addressKindOf,
  excerpt,
  movementKey,
  normalizePhoneLite,
  normalizeRecipient,
} from '@izinli/core';
import type { Localized, Problem, Result, TenantConfig } from '@izinli/core';
import { z } from 'zod';
import { coalescedMirrorReads } from '../../sync/coalesced-mirror-reads.js';
import { checkAnswer } from '../../sync/pre-send-check.js';
import type { CheckAnswer } from '../../sync/pre-send-check.js';
import type { BrandRef } from '../../sync/iys-change-entry.js';
import { ApiError, requestLocale, toIssues } from '../api-error.js';
import type { DepsWith } from '../app-deps.js';
import type { MirrorStore } from '../../store/ports/mirror-store.js';
import { readJsonBody } from '../json-body.js';
import { limitBody } from '../body-limit.js';
import { adminAuth } from './admin-auth.js';
import type { AdminEnv } from './admin-auth.js';
import { INVALID_RECIPIENT } from './query-texts.js';

/** Most recipients in one batch check. */
export const CHECK_BATCH_MAX = 1000;

const CheckBatch = z.strictObject({
  type: Channel,
  recipientType: RecipientType.default('BIREYSEL'),
  brandCode: z.int().positive().optional(),
  recipients: z.array(z.string().max(320)).min(1).max(CHECK_BATCH_MAX),
});

function invalid(where: 'query' | 'body', path: string, expected: Localized, received: unknown) {
  const text = {
    en: `The ${where} field ${path} is not valid.`,
    tr: `${where === 'query' ? 'Sorgudaki' : 'Gövdedeki'} ${path} alanı geçerli değil.`,
  };
  return new ApiError(400, `${where}.invalid`, text, {
    path: [path],
    expected,
    received: excerpt(received),
  });
}

// Each tenant's distinct brands, worked out once per tenant object rather than per check.
const tenantBrands = new WeakMap<TenantConfig, BrandRef[]>();
function brandsOf(tenant: TenantConfig): BrandRef[] {
  let all = tenantBrands.get(tenant);
  if (!all) {
    const brands = new Map<string, BrandRef>();
    for (const { brand } of tenant.sites) brands.set(`${brand.iysCode}:${brand.brandCode}`, brand);
    all = [...brands.values()];
    tenantBrands.set(tenant, all);
  }
  return all;
}

/** The tenant's brand to check against: the one named, else its only one (400 when ambiguous). */
export function tenantBrand(
  tenant: TenantConfig,
  brandCode: number | undefined,
  where: 'query' | 'body',
): BrandRef {
  const all = brandsOf(tenant);
  const named = brandCode === undefined ? all : all.filter((b) => b.brandCode === brandCode);
  if (named.length === 1) return { iysCode: named[0]!.iysCode, brandCode: named[0]!.brandCode };
  const codes = all.map((b) => b.brandCode).join(', ');
  if (brandCode !== undefined && named.length === 0) {
    const expected = {
      en: `one of this tenant's brand codes: ${codes}`,
      tr: `bu kiracının marka kodlarından biri: ${codes}`,
    };
    throw invalid(where, 'brandCode', expected, brandCode);
  }
  throw invalid(
    where,
    'brandCode',
    {
      en: `brandCode, one of ${codes}: this tenant has several brands`,
      tr: `brandCode, şunlardan biri: ${codes} (bu kiracının birden çok markası var)`,
    },
    brandCode,
  );
}

/** One recipient's answer, or why its address is not one. */
type Checked = Result<{ recipient: string; answer: CheckAnswer }, Problem>;

/** The check routes, mounted at `/v1/check`. */
export function checkRoutes(deps: DepsWith<MirrorStore>) {
  // Checks arriving together share one read of the mirror (see coalesced-mirror-reads.ts).
  const read = coalescedMirrorReads(deps.store);
  const lookUp = (
    brand: BrandRef,
    recipientType: RecipientType,
    type: Channel,
    recipients: readonly string[],
  ) =>
    read(recipients.map((recipient) => movementKey({ ...brand, recipientType, type, recipient })));

  // Every address in the mirror (İYS accepted it) or behind a pending refusal (a capture
  // normalised it) is a valid E.164 number, so a phone whose shape (phone-lite, the same reading
  // of a typed number the full check starts with) is found there needs no numbering-plan check:
  // that check, libphonenumber's full metadata, costs more than the lookup. Only the addresses
  // found nowhere go through it, and are looked up again when it writes them differently.
  const answerFor = async (
    brand: BrandRef,
    recipientType: RecipientType,
    type: Channel,
    inputs: readonly string[],
  ): Promise<Checked[]> => {
    const phone = addressKindOf(type) === 'phone';
    const shaped = inputs.map((input) =>
      phone ? normalizePhoneLite(input) : normalizeRecipient(type, input),
    );
    const firstKeys = shaped.flatMap((s) => (s.ok ? [s.value] : []));
    const first = await lookUp(brand, recipientType, type, firstKeys);
    const answers: (Checked | undefined)[] = [];
    const retry: { at: number; recipient: string }[] = [];
    let next = 0;
    for (const [i, s] of shaped.entries()) {
      if (!s.ok) {
        answers.push(s);
        continue;
      }
      const { entry, refusal } = first[next++]!;
      const full =
        phone && entry === undefined && refusal === undefined
          ? normalizeRecipient(type, inputs[i]!)
          : undefined;
      if (full && !full.ok) answers.push(full);
      else if (full && full.value !== s.value) {
        retry.push({ at: answers.length, recipient: full.value });
        answers.push(undefined);
      } else {
        const answer = checkAnswer(entry, recipientType, refusal);
        answers.push({ ok: true, value: { recipient: s.value, answer } });
      }
    }
    if (retry.length > 0) {
      const recipients = retry.map((r) => r.recipient);
      const again = await lookUp(brand, recipientType, type, recipients);
      for (const [j, { at, recipient }] of retry.entries()) {
        const { entry, refusal } = again[j]!;
        const answer = checkAnswer(entry, recipientType, refusal);
        answers[at] = { ok: true, value: { recipient, answer } };
      }
    }
    return answers as Checked[];
  };

  return new Hono<AdminEnv>()
    .use(adminAuth(deps.config))
    .get('/', async (c) => {
      // One parse of the query string for all its fields (each `c.req.query(name)` parses it anew).
      const query = c.req.query();
      const type = Channel.safeParse(query.type);
      if (!type.success) {
        const expected = { en: 'MESAJ, ARAMA or EPOSTA', tr: 'MESAJ, ARAMA ya da EPOSTA' };
        throw invalid('query', 'type', expected, query.type);
      }
      const recipientType = RecipientType.safeParse(query.recipientType ?? 'BIREYSEL');
      if (!recipientType.success) {
        const expected = { en: 'BIREYSEL or TACIR', tr: 'BIREYSEL ya da TACIR' };
        throw invalid('query', 'recipientType', expected, query.recipientType);
      }
      const brandText = query.brandCode;
      const brandCode = brandText === undefined ? undefined : Number(brandText);
      if (brandCode !== undefined && !(Number.isInteger(brandCode) && brandCode > 0)) {
        const expected = {
          en: 'a positive whole brand code',
          tr: 'pozitif, tam sayı bir marka kodu',
        };
        throw invalid('query', 'brandCode', expected, brandText);
      }
      const brand = tenantBrand(c.get('tenant'), brandCode, 'query');
      const [checked] = await answerFor(brand, recipientType.data, type.data, [
        query.recipient ?? '',
      ]);
      if (!checked!.ok) {
        const problem: Problem = { ...checked!.error, path: ['recipient'] };
        throw new ApiError(400, 'query.invalid', INVALID_RECIPIENT, [problem]);
      }
      return c.json(checked!.value.answer);
    })
    .post('/', limitBody(512 * 1024, { en: '512 KiB', tr: '512 KiB' }), async (c) => {
      const body = await readJsonBody(c, CheckBatch);
      const brand = tenantBrand(c.get('tenant'), body.brandCode, 'body');
      const locale = requestLocale(c);
      const checked = await answerFor(brand, body.recipientType, body.type, body.recipients);
      // Problems as data: a bad address is refused in its own answer, the rest still answer.
      const results = body.recipients.map((input, i) => {
        const n = checked[i]!;
        if (!n.ok) {
          const [issue] = toIssues([{ ...n.error, path: ['recipients', i] }], locale);
          return {
            recipient: input,
            allowed: false,
            status: null,
            source: null,
            since: null,
            issue,
          };
        }
        return { recipient: n.value.recipient, ...n.value.answer };
      });
      return c.json({ type: body.type, recipientType: body.recipientType, ...brand, results });
    });
}
