import type { Channel } from '@izinli/core';
import { isEmailShape, isFullName, isPhoneShape } from './address-shape.js';
import type { TypedPerson } from './capture-draft.js';
import type { TranslationKey } from './i18n/index.js';
import { isPhoneChannel } from './site-view.js';

/** Why the element is invalid: the message, the ticked channel and the person's field it is about. */
export interface ConsentProblem {
  message: TranslationKey;
  channel: Channel;
  field: keyof TypedPerson;
}

/**
 * The same cross-field rules as core's `Capture` schema, checked as the person types: a ticked
 * channel needs a name and surname (A3) and a usable address for that channel (A4). Purposes need
 * nothing (B5), so all-unticked is always valid.
 */
export function consentProblem(
  ticked: readonly Channel[],
  person: TypedPerson,
): ConsentProblem | undefined {
  const first = ticked[0];
  if (first === undefined) return undefined;
  if (!isFullName(person.fullName ?? '')) {
    return { message: 'needName', channel: first, field: 'fullName' };
  }
  const phoneChannel = ticked.find(isPhoneChannel);
  const phone = person.phone?.trim() ?? '';
  if (phoneChannel && !isPhoneShape(phone)) {
    return { message: 'needPhone', channel: phoneChannel, field: 'phone' };
  }
  const email = person.email?.trim() ?? '';
  if (ticked.includes('EPOSTA') && !isEmailShape(email)) {
    return { message: 'needEmail', channel: 'EPOSTA', field: 'email' };
  }
  return undefined;
}
