import { notFound } from 'next/navigation';
import { db } from '@/lib/db';

// The account page the server action redirects to, with what the site kept.
export default async function AccountPage({ params }: { params: Promise<{ id: string }> }) {
  const account = await db.account.findUnique({ where: { id: (await params).id } });
  if (!account) notFound();
  return (
    <p id="account">
      Hesabınız açıldı, {account.fullName}: <span id="account-id">{account.id}</span>, izin kaydı{' '}
      <span id="capture-id">{account.izinliCaptureId}</span>
    </p>
  );
}
