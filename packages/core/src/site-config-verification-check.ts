// The config check of a site's verification policy (docs/verification.md#configuration), apart
// from the policy's schema: the schema is part of the site's shape, and this check reads the whole
// config through the rule context, which is built on that shape.
import type { Channel } from './enums.js';
import type { Path, RuleContext } from './site-config-rule-context.js';

const PLACEHOLDER_OF = { code: '{code}', link: '{link}' } as const;

/**
 * The rules a policy can break on its own (docs/verification.md#configuration): a method only for
 * an offered channel, none for ARAMA, and every text naming the placeholder its method needs. The
 * rules that need the server (SMTP, the SMS webhook) are the server's config check.
 */
export function checkVerification({ config, report }: RuleContext): void {
  const policy = config.verification;
  const offered = new Set(config.channels.map((c) => c.type));
  for (const [channel, method] of Object.entries(policy.channels) as [Channel, string][]) {
    const path: Path = ['verification', 'channels', channel];
    if (method === 'none') continue;
    if (!offered.has(channel)) {
      report(
        'config.verificationChannel',
        path,
        {
          en: `a policy only for an offered channel (${[...offered].join(', ') || 'none offered'})`,
          tr: `yalnızca sunulan bir kanal için yöntem (${[...offered].join(', ') || 'hiç kanal yok'})`,
        },
        method,
        { channel },
      );
    } else if (channel === 'ARAMA') {
      report(
        'config.verificationArama',
        path,
        {
          en: '"none": a call permission’s number may be a landline that cannot receive an SMS; verify the number through MESAJ',
          tr: '"none": arama izninin numarası SMS alamayan sabit bir hat olabilir; numarayı MESAJ ile doğrulayın',
        },
        method,
        { channel },
      );
    }
  }
  // The SMS carries MESAJ's code or link, the e-mail EPOSTA's.
  const textMethods = [
    ['sms', policy.channels.MESAJ],
    ['emailText', policy.channels.EPOSTA],
  ] as const;
  for (const [locale, texts] of Object.entries(policy.messages)) {
    for (const [field, method] of textMethods) {
      if (method === undefined || method === 'none') continue;
      const placeholder = PLACEHOLDER_OF[method];
      const text = texts[field];
      if (text !== undefined && !text.includes(placeholder)) {
        report(
          'config.verificationText',
          ['verification', 'messages', locale, field],
          {
            en: `a text holding ${placeholder}, where the ${method} goes`,
            tr: `${method === 'code' ? 'kodun' : 'bağlantının'} yerini gösteren ${placeholder} içeren bir metin`,
          },
          text,
          { placeholder },
        );
      }
    }
  }
}
