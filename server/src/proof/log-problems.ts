// The sentences for the problems `verifyLog` reports, in Turkish and English. Each names the
// site and seq where it has them; the line is in the problem's path.
import { defineProblemMessages } from '@izinli/core';
import type { ProblemText } from '@izinli/core';

const at = (p: ProblemText) => `${p.params?.siteKey} #${p.params?.seq}`;
const ge = (p: ProblemText) => `beklenen ${p.expected}, gelen ${p.received}`;
const er = (p: ProblemText) => `expected ${p.expected}, received ${p.received}`;

defineProblemMessages({
  'log.notAnExport': {
    tr: (p) => `bu bir izinli kayıt dökümü değil; ${ge(p)}`,
    en: (p) => `this is not an izinli log export; ${er(p)}`,
  },
  'log.version': {
    tr: (p) => `döküm biçiminin bu sürümü okunamıyor; ${ge(p)}`,
    en: (p) => `this version of the export format cannot be read; ${er(p)}`,
  },
  'log.badLine': {
    tr: (p) => `satır okunamadı; ${ge(p)}`,
    en: (p) => `the line cannot be read; ${er(p)}`,
  },
  'log.undeclaredSite': {
    tr: (p) => `başlıkta adı geçmeyen bir sitenin satırı; ${ge(p)}`,
    en: (p) => `a line of a site the header does not list; ${er(p)}`,
  },
  'log.noKeys': {
    tr: () =>
      `imzaları doğrulamak için anahtar kümesi (JWKS) yok: --jwks ile verin; imzalar denetlenmedi`,
    en: () =>
      `there is no key set (JWKS) to verify signatures with: pass --jwks; signatures unchecked`,
  },
  'log.confirmsMismatch': {
    tr: (p) =>
      `${at(p)}: onay kaydı, onayladığı kaydın özetini taşımıyor: onay ya da onaylanan kayıt değiştirilmiş (A13); ${ge(p)}`,
    en: (p) =>
      `${at(p)}: the confirmation does not carry the hash of the record it confirms: one of them was altered (A13); ${er(p)}`,
  },
  'log.duplicateSeq': {
    tr: (p) =>
      `${at(p)}: aynı sıra numarası ikinci kez (ilk ${p.params?.firstLine}. satırda): kayıt eklenmiş ya da çoğaltılmış (A13)`,
    en: (p) =>
      `${at(p)}: the same seq a second time (first on line ${p.params?.firstLine}): a record was inserted or duplicated (A13)`,
  },
  'log.outOfOrder': {
    tr: (p) =>
      `${at(p)}: kayıt ${p.params?.after} sıra numaralı kayıttan sonra geliyor: sıra değiştirilmiş (A13)`,
    en: (p) =>
      `${at(p)}: the record comes after seq ${p.params?.after}: records were reordered (A13)`,
  },
  'log.seqGap': {
    tr: (p) =>
      `${at(p)}: zincirde ${p.params?.missing} sıra numaralı kayıt(lar) eksik: silinmiş (A13); ${ge(p)}`,
    en: (p) =>
      `${at(p)}: record(s) ${p.params?.missing} are missing from the chain: deleted (A13); ${er(p)}`,
  },
  'log.linkBroken': {
    tr: (p) =>
      `${at(p)}: prevHash önceki kaydın özetine bağlanmıyor: zincir kırık, kayıt silinmiş, eklenmiş ya da yer değiştirmiş (A13); ${ge(p)}`,
    en: (p) =>
      `${at(p)}: prevHash does not link to the previous record: the chain is broken, a record was deleted, inserted or moved (A13); ${er(p)}`,
  },
  'log.digestMismatch': {
    tr: (p) =>
      `${at(p)}: kaydın ${p.params?.field} değeri satırın zincir değeriyle uyuşmuyor: değiştirilmiş (A13); ${ge(p)}`,
    en: (p) =>
      `${at(p)}: the record's ${p.params?.field} differs from the line's chain digest: it was altered (A13); ${er(p)}`,
  },
  'log.timestampMismatch': {
    tr: (p) =>
      `${at(p)}: satırdaki İYS zaman damgası (.tsr) kayıtta zincirlenen damga değil: değiştirilmiş; ${ge(p)}`,
    en: (p) =>
      `${at(p)}: the line's İYS time stamp (.tsr) is not the one its record chained: it was altered; ${er(p)}`,
  },
  'log.notARecord': {
    tr: (p) => `${at(p)}: satırdaki kayıt geçerli bir izin kaydı değil; ${ge(p)}`,
    en: (p) => `${at(p)}: the line's record is not a valid capture record; ${er(p)}`,
  },
  'log.recordMissing': {
    tr: (p) =>
      `${at(p)}: kayıt yok ama saklama süresi dolduğu için silindiği (purgedAt) de yazmıyor: kayıt silinmiş (A13)`,
    en: (p) =>
      `${at(p)}: the record is absent but not marked as purged by retention (purgedAt): it was removed (A13)`,
  },
  'log.receiptMismatch': {
    tr: (p) =>
      `${at(p)}: saklanan kayıt makbuzda imzalanan kayıttan farklı (${p.params?.field}): değiştirilmiş (A13); ${ge(p)}`,
    en: (p) =>
      `${at(p)}: the stored record differs from the one its receipt signed (${p.params?.field}): it was altered (A13); ${er(p)}`,
  },
  'log.checkpointBeyondEnd': {
    tr: (p) =>
      `${at(p)}: imzalı kontrol noktası zincirin sonundan (${p.params?.head}) ileride: döküm kesilmiş, son kayıtlar silinmiş (A13)`,
    en: (p) =>
      `${at(p)}: a signed checkpoint lies beyond the chain's end (${p.params?.head}): the log was truncated (A13)`,
  },
  'log.checkpointMismatch': {
    tr: (p) =>
      `${at(p)}: imzalı kontrol noktası bu sıradaki kaydın (${p.params?.recordLine}. satır) özetiyle uyuşmuyor: zincir sonradan yeniden yazılmış (A13); ${ge(p)}`,
    en: (p) =>
      `${at(p)}: the signed checkpoint does not match the record at this seq (line ${p.params?.recordLine}): the chain was rewritten (A13); ${er(p)}`,
  },
});
