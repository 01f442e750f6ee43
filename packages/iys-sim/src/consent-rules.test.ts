import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { businessRuleError, recordMovement } from './consent-rules.js';
import { DEFAULT_POLICY } from './options.js';
import { SimState, consentKey } from './state.js';
import type { NormalizedConsent } from './state.js';

const base: NormalizedConsent = {
  iysCode: 1,
  brandCode: 1,
  recipient: '+905321234567',
  recipientType: 'BIREYSEL',
  type: 'MESAJ',
  status: 'ONAY',
  source: 'HS_WEB',
};

describe('business rules', () => {
  it('keep the stored record equal to the last accepted movement, whatever the sequence', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            status: fc.constantFrom('ONAY', 'RET'),
            dateStep: fc.integer({ min: -2, max: 3 }),
          }),
          {
            maxLength: 30,
          },
        ),
        (steps) => {
          const state = new SimState();
          let date = 1_700_000_000_000;
          let last: NormalizedConsent | undefined;
          let accepted = 0;
          steps.forEach(({ status, dateStep }, i) => {
            date += dateStep * 1000;
            const consent = {
              ...base,
              status: status as 'ONAY' | 'RET',
              consentDateMs: date,
              consentDate: String(date),
            };
            const existing = state.consents.get(consentKey(consent));
            const error = businessRuleError(existing, consent, DEFAULT_POLICY);
            if (!existing) expect(error?.code ?? null).toBe(status === 'RET' ? 'H175' : null);
            else if (existing.status === 'RET' && status === 'RET')
              expect(error?.code).toBe('H174');
            else if (date <= existing.consentDateMs!) expect(error?.code).toBe('H178');
            else expect(error).toBeNull();
            if (!error) {
              recordMovement(state, consent, 1_800_000_000_000 + i * 1000, 'single-v1');
              last = consent;
              accepted++;
            }
          });
          expect(state.movements).toHaveLength(accepted);
          expect(state.consents.get(consentKey(base))?.status).toBe(last?.status);
        },
      ),
    );
  });
});
