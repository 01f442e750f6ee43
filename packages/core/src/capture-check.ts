import type { Capture } from './capture.js';
import { CHANNELS } from './enums.js';
import { defineProblemMessages, excerpt } from './problem.js';
import type { Localized, Problem } from './problem.js';
import { findNotice } from './site-config.js';
import type { SiteConfig } from './site-config.js';

type Path = (string | number)[];

function problem(
  code: string,
  path: Path,
  expected: Localized,
  received: unknown,
  params?: Problem['params'],
): Problem {
  return { code, path, expected, received: excerpt(received, 70), ...(params ? { params } : {}) };
}

/**
 * Checks a valid capture against its site's config: the site, language, recipient type, channels
 * and purposes must be ones the site offers, and every notice named must be a version the config
 * holds, with the same hash (B8). The aydınlatma notice must be among the texts shown (B2), the
 * etk text whenever a channel box was shown, and each answered purpose's consent text. Any
 * defined version is accepted, not only the current one: a capture queued offline while a text
 * changed still proves what that person saw.
 */
export function checkCaptureAgainstSite(capture: Capture, config: SiteConfig): Problem[] {
  const found: Problem[] = [];
  if (capture.siteKey !== config.siteKey) {
    found.push(
      problem(
        'capture.siteMismatch',
        ['siteKey'],
        { en: `the site key ${config.siteKey}`, tr: `${config.siteKey} site anahtarı` },
        capture.siteKey,
        {
          siteKey: config.siteKey,
        },
      ),
    );
  }
  if (!config.locales.includes(capture.locale)) {
    found.push(
      problem(
        'capture.notOffered',
        ['locale'],
        {
          en: `one of the site's locales: ${config.locales.join(', ')}`,
          tr: `sitenin dillerinden biri: ${config.locales.join(', ')}`,
        },
        capture.locale,
      ),
    );
  }
  if (!config.recipientTypes.includes(capture.recipientType)) {
    found.push(
      problem(
        'capture.notOffered',
        ['recipientType'],
        {
          en: `one of ${config.recipientTypes.join(', ')}`,
          tr: `şunlardan biri: ${config.recipientTypes.join(', ')}`,
        },
        capture.recipientType,
      ),
    );
  }
  const offered = config.channels.map((c) => c.type);
  for (const channel of CHANNELS) {
    if (capture.channels[channel] !== undefined && !offered.includes(channel)) {
      found.push(
        problem(
          'capture.notOffered',
          ['channels', channel],
          {
            en: `only offered channels: ${offered.join(', ') || 'none'}`,
            tr: `yalnızca sunulan kanallar: ${offered.join(', ') || 'hiçbiri'}`,
          },
          channel,
        ),
      );
    }
  }

  // Every notice named must exist with that exact hash.
  const shown = new Map<string, number>();
  capture.notices.forEach((ref, i) => {
    shown.set(ref.id, i);
    const notice = findNotice(config, ref.id, capture.locale, ref.version);
    if (!notice) {
      found.push(
        problem(
          'capture.unknownNotice',
          ['notices', i],
          {
            en: `a notice version of this site in ${capture.locale}`,
            tr: `bu sitenin ${capture.locale} dilindeki bir metin sürümü`,
          },
          ref,
          {
            id: ref.id,
            version: ref.version,
          },
        ),
      );
    } else if (notice.sha256 !== ref.sha256) {
      found.push(
        problem(
          'capture.noticeHashMismatch',
          ['notices', i, 'sha256'],
          {
            en: `the hash of "${ref.id}" version ${ref.version}: ${notice.sha256}`,
            tr: `"${ref.id}" metninin ${ref.version}. sürümünün özeti: ${notice.sha256}`,
          },
          ref.sha256,
          {
            rule: 'B8',
            id: ref.id,
            version: ref.version,
          },
        ),
      );
    }
  });
  const mustBeShown = (id: string, rule: string | undefined, why: Localized) => {
    if (!shown.has(id)) {
      found.push(
        problem(
          'capture.noticeNotShown',
          ['notices'],
          {
            en: `"${id}" among the notices shown (${why.en})`,
            tr: `gösterilen metinler arasında "${id}" (${why.tr})`,
          },
          capture.notices.map((n) => n.id),
          {
            id,
            ...(rule ? { rule } : {}),
          },
        ),
      );
    }
  };
  mustBeShown(config.aydinlatmaNoticeId, 'B2', {
    en: 'the aydınlatma notice is shown in every case',
    tr: 'aydınlatma metni her durumda gösterilir',
  });
  const anyChannel = CHANNELS.some((c) => capture.channels[c] !== undefined);
  if (anyChannel && config.etkNoticeId !== undefined) {
    mustBeShown(config.etkNoticeId, 'A3', {
      en: 'the commercial-message consent text goes with the channel boxes',
      tr: 'ticari ileti onay metni kanal kutularıyla birlikte gösterilir',
    });
  }

  for (const id of Object.keys(capture.purposes)) {
    const purpose = config.purposes.find((p) => p.id === id);
    if (!purpose) {
      found.push(
        problem(
          'capture.unknownPurpose',
          ['purposes', id],
          {
            en: `one of the site's purposes: ${config.purposes.map((p) => p.id).join(', ') || 'none'}`,
            tr: `sitenin amaçlarından biri: ${config.purposes.map((p) => p.id).join(', ') || 'hiçbiri'}`,
          },
          id,
        ),
      );
    } else {
      mustBeShown(purpose.noticeId, 'B8', {
        en: `the consent text of purpose "${id}"`,
        tr: `"${id}" amacının rıza metni`,
      });
    }
  }
  return found;
}

defineProblemMessages({
  'capture.siteMismatch': {
    tr: (p) => `beklenen site anahtarı ${p.params?.siteKey}; gelen ${p.received}`,
    en: (p) => `expected ${p.expected}; received ${p.received}`,
  },
  'capture.notOffered': {
    tr: (p) => `bu site bunu sunmuyor; beklenen ${p.expected}, gelen ${p.received}`,
    en: (p) => `the site does not offer this; expected ${p.expected}, received ${p.received}`,
  },
  'capture.unknownNotice': {
    tr: (p) =>
      `"${p.params?.id}" metninin ${p.params?.version}. sürümü bu sitede bu dilde yok; gelen ${p.received}`,
    en: (p) =>
      `this site has no version ${p.params?.version} of "${p.params?.id}" in this language; received ${p.received}`,
  },
  'capture.noticeHashMismatch': {
    tr: (p) =>
      `gösterilen metnin özeti kayıtlı sürümle uyuşmuyor (B8); beklenen ${p.expected}, gelen ${p.received}`,
    en: (p) =>
      `the hash of the text shown does not match the stored version (B8); expected ${p.expected}, received ${p.received}`,
  },
  'capture.noticeNotShown': {
    tr: (p) =>
      `"${p.params?.id}" metni gösterilen metinler arasında olmalıdır; gelen ${p.received}`,
    en: (p) => `expected ${p.expected}; received ${p.received}`,
  },
  'capture.unknownPurpose': {
    tr: (p) => `bu sitede böyle bir amaç yok; beklenen ${p.expected}, gelen ${p.received}`,
    en: (p) => `this site has no such purpose; expected ${p.expected}, received ${p.received}`,
  },
});
