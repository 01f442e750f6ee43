import type { NoticeKind } from './notice.js';
import { excerpt } from './problem.js';
import type { Problem } from './problem.js';
import type { Path, RuleContext } from './site-config-rule-context.js';
import { DEFINED_NOTICE, everyLocale } from './site-config-messages.js';
import { checkPurposes } from './site-config-purpose-rules.js';
import { checkVerification } from './site-config-verification-check.js';

/** Reports every repeat of a value already seen, pointing at the repeat. */
function checkUnique<T>(
  { report }: RuleContext,
  list: string,
  items: readonly T[],
  keyOf: (item: T) => string,
  field?: string,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    const first = seen.get(key);
    const path: Path = field === undefined ? [list, i] : [list, i, field];
    if (first === undefined) seen.set(key, i);
    else
      report(
        'config.duplicate',
        path,
        {
          en: `a value not already used (at index ${first})`,
          tr: `daha önce kullanılmamış bir değer (${first}. sırada kullanıldı)`,
        },
        key,
        { first },
      );
  });
}

/** Every version and language of one notice id must be the same kind of text. */
function noticeKinds(notices: RuleContext['config']['notices'], report: RuleContext['report']) {
  const kindOf = new Map<string, NoticeKind>();
  notices.forEach((n, i) => {
    const kind = kindOf.get(n.id);
    if (kind === undefined) kindOf.set(n.id, n.kind);
    else if (kind !== n.kind) {
      report(
        'config.noticeKind',
        ['notices', i, 'kind'],
        {
          en: `"${kind}", like the other "${n.id}" entries`,
          tr: `diğer "${n.id}" kayıtları gibi "${kind}"`,
        },
        n.kind,
        { id: n.id },
      );
    }
  });
  return kindOf;
}

/** `config.noticeKind`: the notice `id` that `field` names is a `kind`, not the `wanted` one. */
function wrongKind(
  report: RuleContext['report'],
  field: string,
  wanted: NoticeKind,
  id: string,
  kind: NoticeKind,
): void {
  const expected = { en: `a notice of kind "${wanted}"`, tr: `"${wanted}" türünde bir metin` };
  report('config.noticeKind', [field], expected, id, { id, kind });
}

/** B2: the aydınlatma notice is defined, of its kind, in every language the site offers. */
function checkAydinlatma({ config, kindOf, missingLocales, report }: RuleContext): void {
  const id = config.aydinlatmaNoticeId;
  const kind = kindOf.get(id);
  if (kind === undefined) {
    report('config.unknownNotice', ['aydinlatmaNoticeId'], DEFINED_NOTICE, id, { id });
  } else if (kind !== 'aydinlatma') {
    wrongKind(report, 'aydinlatmaNoticeId', 'aydinlatma', id, kind);
  } else {
    for (const locale of missingLocales(id)) {
      report(
        'config.aydinlatmaMissing',
        ['locales', config.locales.indexOf(locale)],
        {
          en: `an aydınlatma notice "${id}" in every offered locale, or this locale removed`,
          tr: `sunulan her dilde "${id}" aydınlatma metni ya da bu dilin kaldırılması`,
        },
        locale,
        { rule: 'B2', id, locale },
      );
    }
  }
}

/** The commercial-message consent text: needed once a channel is offered, never the notice (B3). */
function checkEtk({ config, kindOf, missingLocales, report }: RuleContext): void {
  const id = config.etkNoticeId;
  if (id === undefined) {
    if (config.channels.length > 0) {
      report(
        'config.etkNoticeMissing',
        ['etkNoticeId'],
        {
          en: 'the id of the etk consent text shown with the channel boxes',
          tr: 'kanal kutularıyla gösterilen etk onay metninin kimliği',
        },
        undefined,
      );
    }
    return;
  }
  const kind = kindOf.get(id);
  if (kind === undefined) {
    report('config.unknownNotice', ['etkNoticeId'], DEFINED_NOTICE, id, { id });
  } else if (kind === 'aydinlatma') {
    report(
      'config.noticeAsConsent',
      ['etkNoticeId'],
      {
        en: 'an etk consent text separate from the aydınlatma notice',
        tr: 'aydınlatma metninden ayrı bir etk onay metni',
      },
      id,
      { rule: 'B3', id },
    );
  } else if (kind !== 'etk') {
    wrongKind(report, 'etkNoticeId', 'etk', id, kind);
  } else {
    for (const locale of missingLocales(id)) {
      report('config.noticeLocaleMissing', ['etkNoticeId'], everyLocale(id), id, { id, locale });
    }
  }
}

/**
 * The cross-field checks of a structurally valid site config: B2–B4 and B9 (A5, B5
 * and B6 are field-level and live in the schema), references between notices, purposes and
 * roles, duplicates and locale coverage. Each problem names the path and, in `params.rule`, the
 * rule id where one applies.
 */
export function siteConfigRuleProblems(config: RuleContext['config']): Problem[] {
  const found: Problem[] = [];
  const report: RuleContext['report'] = (code, path, expected, received, params) => {
    found.push({
      code,
      path,
      expected,
      received: excerpt(received, 60),
      ...(params ? { params } : {}),
    });
  };
  const { notices, locales } = config;
  const kindOf = noticeKinds(notices, report);
  const missingLocales = (id: string) =>
    locales.filter((l) => !notices.some((n) => n.id === id && n.locale === l));
  const ctx: RuleContext = { config, kindOf, missingLocales, report };

  checkUnique(ctx, 'allowedOrigins', config.allowedOrigins, (o) => o);
  checkUnique(ctx, 'channels', config.channels, (c) => c.type, 'type');
  checkUnique(ctx, 'recipientTypes', config.recipientTypes, (t) => t);
  checkUnique(ctx, 'locales', locales, (l) => l);
  checkUnique(ctx, 'purposes', config.purposes, (p) => p.id, 'id');
  checkUnique(ctx, 'notices', notices, (n) => `${n.id} ${n.locale} v${n.version}`, 'version');
  if (locales[0] !== 'tr')
    report(
      'config.turkishFirst',
      ['locales', 0],
      { en: '"tr" as the first locale', tr: 'ilk dil olarak "tr"' },
      locales[0],
    );

  checkAydinlatma(ctx);
  checkEtk(ctx);
  checkPurposes(ctx);
  checkVerification(ctx);

  if (config.channels.length === 0 && config.purposes.length === 0) {
    const expected = {
      en: 'at least one channel or one purpose to ask about',
      tr: 'sorulacak en az bir kanal ya da bir amaç',
    };
    report('config.nothingToAsk', [], expected, { channels: [], purposes: [] });
  }
  return found;
}
