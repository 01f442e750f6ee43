// The recipe's server action (docs/frameworks.md#nextjs-server-action): it creates the account
// with the capture id the form's data holds, then shows the account page.
'use server';
import { redirect } from 'next/navigation';
import { db } from '@/lib/db'; // the site's own database

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function signup(form: FormData) {
  const captureId = String(form.get('izinliCaptureId') ?? '');
  const account = await db.account.create({
    data: {
      fullName: String(form.get('adSoyad') ?? ''),
      phone: String(form.get('telefon') ?? ''),
      // The consent record's id: find the signed record later with GET /v1/admin/captures/{id}.
      izinliCaptureId: UUID.test(captureId) ? captureId : null,
    },
  });
  redirect(`/hesap/${account.id}`);
}
