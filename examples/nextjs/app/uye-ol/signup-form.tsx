// The recipe's client component (docs/frameworks.md#nextjs-server-action): a React 19 form whose
// action is the server action; React hands it the form's data, capture id included.
'use client';
import { useEffect } from 'react';
import type {} from '@izinli/widget/react';
import { signup } from './actions';

export function SignupForm({ endpoint, site }: { endpoint: string; site: string }) {
  // Registers <izinli-consent> in the browser only: Next.js also renders client components on the
  // server, where the element's module cannot run. The server sends the tag; the browser upgrades it.
  useEffect(() => void import('@izinli/widget'), []);
  return (
    <form action={signup}>
      <label>
        Ad soyad <input name="adSoyad" autoComplete="name" required />
      </label>
      <label>
        Telefon <input name="telefon" type="tel" autoComplete="tel" />
      </label>
      <izinli-consent
        name="izinliCaptureId"
        site={site}
        endpoint={endpoint}
        name-field="adSoyad"
        phone-field="telefon"
      />
      <button>Üye ol</button>
    </form>
  );
}
