import { connection } from 'next/server';
import { SignupForm } from './signup-form';

export default async function SignupPage() {
  // Rendered per request: the izinli server and the site key come from the environment.
  await connection();
  return (
    <SignupForm endpoint={process.env.IZINLI_ENDPOINT ?? ''} site={process.env.IZINLI_SITE ?? ''} />
  );
}
