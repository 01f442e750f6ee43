import type { TypedPerson } from './capture-draft.js';

/** The `name`s of the host form's fields, from the element's `*-field` attributes. */
export interface FieldNames {
  name: string | undefined;
  phone: string | undefined;
  email: string | undefined;
}

/** What the form collects: the person as typed, and which kinds of address it has (A4). */
export interface Collected {
  person: TypedPerson;
  phone: boolean;
  email: boolean;
  /** The host form has the name field, so the element need not ask for it. */
  hostName: boolean;
  /** No field is named: the element's own inputs stand for all three. */
  ownMode: boolean;
}

const warned = new Set<string>();

function field(form: HTMLFormElement | null, name: string | undefined) {
  const item = name ? form?.elements.namedItem(name) : undefined;
  if (item) return item as unknown as { value: string };
  if (name && !warned.has(name)) {
    warned.add(name);
    console.warn(`izinli: the form has no field named "${name}"`);
  }
  return undefined;
}

/**
 * Reads the person from the host form's named fields (A3). Without any `*-field` attribute the
 * element's own inputs (`own`) stand in; a form without a name field gets the element's own.
 */
export function collect(
  form: HTMLFormElement | null,
  names: FieldNames,
  own: TypedPerson,
): Collected {
  const ownMode = !names.name && !names.phone && !names.email;
  const name = field(form, names.name);
  const phone = field(form, names.phone);
  const email = field(form, names.email);
  return {
    person: {
      fullName: name ? name.value : own.fullName,
      phone: ownMode ? own.phone : phone?.value,
      email: ownMode ? own.email : email?.value,
    },
    phone: ownMode || !!phone,
    email: ownMode || !!email,
    hostName: !!name,
    ownMode,
  };
}
