// The example site's own signup call, as the React and Vue recipes make it: the site's backend
// opens the account and keeps the capture id the form's data holds with it.

/** The account the site's backend opened, with the consent record's id it kept. */
export interface Account {
  accountId: string;
  captureId: string;
}

/** Posts the signup form's data to the site's backend; answers the new account. */
export async function postSignup(form: FormData): Promise<Account> {
  const response = await fetch('/api/signup', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      fullName: form.get('adSoyad'),
      phone: form.get('telefon'),
      // '' when the widget could not load: the signup goes on without a consent record.
      izinliCaptureId: form.get('izinliCaptureId') || null,
    }),
  });
  return (await response.json()) as Account;
}
