// A React 19 signup form with <izinli-consent>: the element sits inside the form, React's form
// action reads the capture id from the form data (the element is a form control), and the site's
// backend keeps it with the new account. Built and run in Chromium by test/e2e/frameworks.test.ts.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
// Registers <izinli-consent> (the module build, bundled with the app).
import '@izinli/widget';
import { postSignup } from '../common/signup-api';
import type { Account } from '../common/signup-api';
import { SignupFields } from './signup-fields';

export function SignupForm({ endpoint, site }: { endpoint: string; site: string }) {
  const [account, setAccount] = useState<Account>();
  const [receipt, setReceipt] = useState<string>();

  // React 19 calls the action with the form's data and prevents the native submission; the
  // element still sees the submit event and sends the capture alongside.
  async function signup(form: FormData) {
    setAccount(await postSignup(form));
  }

  // The form stays mounted (hidden) after the signup, so the element can still report the
  // capture's answer: it may come after the site's own.
  return (
    <>
      {account ? (
        <p id="account">
          Hesabınız açıldı: <span id="account-id">{account.accountId}</span>, izin kaydı{' '}
          <span id="capture-id">{account.captureId}</span>
        </p>
      ) : null}
      {receipt ? <p id="receipt">İzinleriniz kaydedildi (imzalı makbuz alındı).</p> : null}
      <form action={signup} hidden={account !== undefined}>
        <SignupFields
          endpoint={endpoint}
          site={site}
          onCaptured={(event) => setReceipt(event.receipt)}
        />
      </form>
    </>
  );
}

const root = document.getElementById('signup');
if (root) {
  createRoot(root).render(
    <SignupForm endpoint={root.dataset.endpoint ?? ''} site={root.dataset.site ?? ''} />,
  );
}
