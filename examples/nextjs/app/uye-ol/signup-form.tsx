// The recipe's client component (docs/frameworks.md#nextjs-server-action): the React recipe's form
// (examples/react/signup-fields.tsx), whose action is the server action; React hands it the form's
// data, capture id included.
'use client';
import { useEffect } from 'react';
import { SignupFields } from '../../../react/signup-fields';
import { signup } from './actions';

export function SignupForm({ endpoint, site }: { endpoint: string; site: string }) {
  // Registers <izinli-consent> in the browser only: Next.js also renders client components on the
  // server, where the element's module cannot run. The server sends the tag; the browser upgrades it.
  useEffect(() => void import('@izinli/widget'), []);
  return (
    <form action={signup}>
      <SignupFields endpoint={endpoint} site={site} />
    </form>
  );
}
