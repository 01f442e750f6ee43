// The code or link message in the person's language: the site's own texts
// (`verification.messages[locale]`) where given, the built-in ones otherwise, with `{brand}`,
// `{code}`, `{link}` and `{minutes}` filled in (docs/verification.md#configuration). The e-mail
// goes as plain text and as simple HTML made from the same words, every value escaped.
import { SupportedLocale } from '@izinli/core';
import type { VerificationPolicy } from '@izinli/core';
import { escapeHtml } from '../withdrawal/withdrawal-page.js';
import { BUILT_IN_TEXTS } from './message-texts.js';
import type { BuiltInEmail, MessageFacts } from './message-texts.js';

export type { MessageFacts } from './message-texts.js';

/** An e-mail ready for the mailer (without its addresses). */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** Both forms of one message; the sender picks by the address's kind. */
export interface VerificationMessage {
  locale: SupportedLocale;
  sms: string;
  email: EmailContent;
}

/** The locale a message is written in: the verification's when supported, else Turkish. */
export function messageLocale(locale: string | undefined): SupportedLocale {
  const parsed = SupportedLocale.safeParse(locale);
  return parsed.success ? parsed.data : 'tr';
}

/**
 * `template` with each placeholder replaced in one pass (a value that itself looks like a
 * placeholder stays as it is); the placeholder of the other method becomes empty.
 */
export function fillPlaceholders(template: string, facts: MessageFacts): string {
  const values: Record<string, string> = {
    brand: facts.brand,
    code: facts.method === 'code' ? facts.code : '',
    link: facts.method === 'link' ? facts.link : '',
    minutes: String(facts.minutes),
  };
  return template.replace(/\{(brand|code|link|minutes)\}/g, (_, name: string) => values[name]!);
}

/** The secret as it stands in the text: the code, or the link. */
const secretOf = (facts: MessageFacts): string =>
  facts.method === 'code' ? facts.code : facts.link;

/** One escaped piece of text, the secret set apart: the code in bold, the link as a link. */
function htmlOf(text: string, facts: MessageFacts): string {
  const secret = secretOf(facts);
  return text
    .split(secret)
    .map(escapeHtml)
    .join(
      facts.method === 'code'
        ? `<strong>${escapeHtml(secret)}</strong>`
        : `<a href="${escapeHtml(secret)}">${escapeHtml(secret)}</a>`,
    );
}

function htmlDocument(locale: SupportedLocale, subject: string, paragraphs: string[]): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(subject)}</title>
</head>
<body>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</body>
</html>
`;
}

/** A site's own plain text as HTML: paragraphs at blank lines, line breaks kept. */
function siteHtml(locale: SupportedLocale, subject: string, text: string, facts: MessageFacts) {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) =>
      p
        .split('\n')
        .map((line) => htmlOf(line, facts))
        .join('<br>\n'),
    );
  return htmlDocument(locale, subject, paragraphs);
}

function builtInEmail(locale: SupportedLocale, email: BuiltInEmail, facts: MessageFacts) {
  return {
    text: email.paragraphs.map((p) => p.text).join('\n\n'),
    html: htmlDocument(
      locale,
      email.subject,
      email.paragraphs.map((p) => htmlOf(p.text, facts)),
    ),
  };
}

/** A header holds one line. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The message for `facts` in `locale` (Turkish when unsupported), the site's texts first. */
export function verificationMessage(
  policy: Pick<VerificationPolicy, 'messages'>,
  locale: string | undefined,
  facts: MessageFacts,
): VerificationMessage {
  const lang = messageLocale(locale);
  const own = policy.messages[lang] ?? {};
  const builtIn = BUILT_IN_TEXTS[lang];
  const sms = own.sms !== undefined ? fillPlaceholders(own.sms, facts) : builtIn.sms(facts);
  const standard = builtIn.email(facts);
  const subject = oneLine(
    own.emailSubject !== undefined ? fillPlaceholders(own.emailSubject, facts) : standard.subject,
  );
  const body =
    own.emailText !== undefined
      ? (() => {
          const text = fillPlaceholders(own.emailText, facts);
          return { text, html: siteHtml(lang, subject, text, facts) };
        })()
      : builtInEmail(lang, standard, facts);
  return { locale: lang, sms, email: { subject, ...body } };
}
