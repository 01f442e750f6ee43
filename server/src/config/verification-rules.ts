// The verification rules that need the server (docs/verification.md#configuration): an e-mail
// code or link goes out over SMTP, so a site verifying EPOSTA needs SMTP_URL; an SMS goes out as a
// `verification.sms` webhook event to the site owner's provider, so a site verifying MESAJ needs
// a webhook of its tenant that takes that event. The rules a policy breaks on its own are core's.
import { defineProblemMessages, verificationOf } from '@izinli/core';
import type { Problem, SiteConfig, TenantConfig } from '@izinli/core';

/** Whether a webhook target receives events of `type` (no `events` list: every event). */
export function takesEvent(target: { events?: readonly string[] | undefined }, type: string) {
  return target.events === undefined || target.events.includes(type);
}

/** The problems of `site`'s verification policy against the server's environment and webhooks. */
export function verificationServerProblems(
  site: SiteConfig,
  tenant: TenantConfig,
  env: Record<string, string | undefined>,
  path: Problem['path'],
): Problem[] {
  const problems: Problem[] = [];
  const email = verificationOf(site.verification, 'EPOSTA');
  if (email !== 'none' && (env.SMTP_URL ?? '') === '') {
    problems.push({
      code: 'config.verificationNeedsSmtp',
      path: [...path, 'verification', 'channels', 'EPOSTA'],
      expected: {
        en: 'SMTP_URL (and SMTP_FROM) set, to e-mail the code or link, or "none"',
        tr: 'kodu ya da bağlantıyı e-postayla göndermek için tanımlı bir SMTP_URL (ve SMTP_FROM) ya da "none"',
      },
      received: email,
      params: { method: email },
    });
  }
  const sms = verificationOf(site.verification, 'MESAJ');
  if (sms !== 'none' && !tenant.webhooks.some((hook) => takesEvent(hook, 'verification.sms'))) {
    problems.push({
      code: 'config.verificationNeedsSmsWebhook',
      path: [...path, 'verification', 'channels', 'MESAJ'],
      expected: {
        en: `a webhook of tenant ${tenant.id} that takes verification.sms, to text the code or link, or "none"`,
        tr: `kodu ya da bağlantıyı SMS ile göndermek için ${tenant.id} kiracısının verification.sms alan bir webhook’u ya da "none"`,
      },
      received: sms,
      params: { method: sms, tenant: tenant.id },
    });
  }
  return problems;
}

defineProblemMessages({
  'config.verificationNeedsSmtp': {
    tr: (p) =>
      `EPOSTA "${p.params?.method}" ile doğrulanıyor, ancak sunucuda SMTP_URL tanımlı değil: doğrulama e-postaları SMTP ile gönderilir. SMTP_URL (smtp:// ya da smtps://) ve SMTP_FROM tanımlanmalı ya da EPOSTA için "none" seçilmelidir`,
    en: (p) =>
      `EPOSTA is verified by "${p.params?.method}", but the server has no SMTP_URL: verification e-mails go out over SMTP. Set SMTP_URL (smtp:// or smtps://) and SMTP_FROM, or choose "none" for EPOSTA`,
  },
  'config.verificationNeedsSmsWebhook': {
    tr: (p) =>
      `MESAJ "${p.params?.method}" ile doğrulanıyor, ancak ${p.params?.tenant} kiracısının hiçbir webhook’u verification.sms almıyor: SMS’i sitenin kendi SMS sağlayıcısı bu olayla gönderir. Kiracının webhooks listesine bu olayı alan bir hedef eklenmeli (events verilmezse her olay alınır; verilirse "verification.sms" içermeli) ya da MESAJ için "none" seçilmelidir`,
    en: (p) =>
      `MESAJ is verified by "${p.params?.method}", but no webhook of tenant ${p.params?.tenant} takes verification.sms: the site's own SMS provider sends the text from that event. Add a target to the tenant's webhooks that takes it (no events list takes every event; a list must include "verification.sms"), or choose "none" for MESAJ`,
  },
});
