// The signup form's contents: the site's own fields and <izinli-consent>, which reads them by the
// names it is given. The React app (signup.tsx) and the Next.js example (examples/nextjs) render
// them in a form whose action is their own. The element is typed here, not registered: Next.js
// renders this on the server too, where the element's module cannot run.
import type { IzinliCapturedEvent } from '@izinli/widget';
import type {} from '@izinli/widget/react';

export function SignupFields({
  endpoint,
  site,
  onCaptured,
}: {
  endpoint: string;
  site: string;
  onCaptured?: (event: IzinliCapturedEvent) => void;
}) {
  return (
    <>
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
        onizinli-captured={onCaptured}
      />
      <button>Üye ol</button>
    </>
  );
}
