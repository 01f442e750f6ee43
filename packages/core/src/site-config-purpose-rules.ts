import type { RuleContext } from './site-config-rule-context.js';
import { otherLegalBasisOf } from './site-config-legal-basis.js';
import { DEFINED_NOTICE, everyLocale } from './site-config-messages.js';

/**
 * Per-purpose rules: each purpose has an açık rıza text of its own (B3: never the aydınlatma
 * notice; B4: never the etk text nor another purpose's), asks something not asked already, does
 * not rest on another legal basis (B9), and has its text and label in every offered locale.
 */
export function checkPurposes({ config, kindOf, missingLocales, report }: RuleContext): void {
  const textOwner = new Map<string, number>();
  const categoryOwner = new Map<string, number>();
  config.purposes.forEach((purpose, i) => {
    const at = (...rest: (string | number)[]) => ['purposes', i, ...rest];
    const { noticeId, category } = purpose;
    const kind = kindOf.get(noticeId);
    const owner = textOwner.get(noticeId);
    if (kind === undefined) {
      report('config.unknownNotice', at('noticeId'), DEFINED_NOTICE, noticeId, { id: noticeId });
    } else if (kind === 'aydinlatma') {
      report(
        'config.noticeAsConsent',
        at('noticeId'),
        {
          en: 'an acik-riza text of its own, separate from the aydınlatma notice',
          tr: 'aydınlatma metninden ayrı, kendine ait bir acik-riza metni',
        },
        noticeId,
        { rule: 'B3', id: noticeId },
      );
    } else if (kind === 'etk') {
      report(
        'config.sharedConsentText',
        at('noticeId'),
        {
          en: 'an acik-riza text of its own, not the commercial-message (etk) text',
          tr: 'ticari ileti (etk) metni olmayan, kendine ait bir acik-riza metni',
        },
        noticeId,
        { rule: 'B4', id: noticeId },
      );
    } else if (owner !== undefined) {
      report(
        'config.sharedConsentText',
        at('noticeId'),
        {
          en: `an acik-riza text not already used by purposes[${owner}]`,
          tr: `purposes[${owner}] tarafından kullanılmayan bir acik-riza metni`,
        },
        noticeId,
        { rule: 'B4', id: noticeId, other: owner },
      );
    } else {
      textOwner.set(noticeId, i);
      for (const locale of missingLocales(noticeId)) {
        report('config.noticeLocaleMissing', at('noticeId'), everyLocale(noticeId), noticeId, {
          id: noticeId,
          locale,
        });
      }
    }

    const categoryKey = `${purpose.kind} ${category}`;
    const first = categoryOwner.get(categoryKey);
    if (first !== undefined) {
      report(
        'config.duplicate',
        at('category'),
        {
          en: `a purpose not already asked by purposes[${first}]`,
          tr: `purposes[${first}] içinde sorulmamış bir amaç`,
        },
        category,
        { first },
      );
    } else categoryOwner.set(categoryKey, i);

    const basis = otherLegalBasisOf(category);
    if (basis !== undefined) {
      report(
        'config.otherLegalBasis',
        at('category'),
        {
          en: 'a purpose that needs açık rıza; this one has another legal basis',
          tr: 'açık rıza gerektiren bir amaç; bu amacın başka bir hukuki sebebi var',
        },
        category,
        { rule: 'B9', basis },
      );
    }

    for (const locale of config.locales) {
      if (purpose.label[locale] === undefined) {
        report(
          'config.labelMissing',
          at('label', locale),
          { en: 'a label in every offered locale', tr: 'sunulan her dilde bir etiket' },
          undefined,
          { locale },
        );
      }
    }
  });
}
