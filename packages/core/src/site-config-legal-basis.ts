// B9: categories whose processing rests on another legal basis, so asking consent for them would
// mislead (a consent that can be withdrawn while the processing must go on). Matched on whole
// hyphen-separated words, so `iys-kaniti` and `consent-proof-storage` are caught, `ilan` is not.
const OTHER_BASIS: { words: string[][]; basis: string }[] = [
  {
    words: [['iys']],
    basis: 'registering and proving İYS permissions is a legal obligation (6563)',
  },
  {
    words: [['kanit', 'kaniti', 'ispat', 'ispati', 'proof', 'evidence']],
    basis: 'keeping proof of consent is a legal obligation (6563, A13)',
  },
  {
    words: [
      ['izin', 'onay', 'riza', 'consent'],
      ['kayit', 'kaydi', 'record', 'records', 'log'],
    ],
    basis: 'keeping consent records is a legal obligation (6563, A13)',
  },
  {
    words: [
      ['yasal', 'legal'],
      ['yukumluluk', 'yukumlulugu', 'obligation'],
    ],
    basis: 'a legal obligation is its own legal basis (KVKK 5/2-ç)',
  },
  {
    words: [['sozlesme', 'sozlesmenin', 'contract']],
    basis: 'performing a contract is its own legal basis (KVKK 5/2-c)',
  },
];

/**
 * The other legal basis a purpose category structurally rests on (B9), if any: İYS registration,
 * proof or records of consent, legal obligations, contract performance. A heuristic on the
 * category's words; it cannot read the consent text, so it catches the common mistakes only.
 */
export function otherLegalBasisOf(category: string): string | undefined {
  const words = new Set(category.split('-'));
  return OTHER_BASIS.find((entry) => entry.words.every((any) => any.some((w) => words.has(w))))
    ?.basis;
}
