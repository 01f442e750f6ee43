// The Turkish starting texts `izinli init` writes to notices/*.md. They are templates, not legal
// advice: every [BÜYÜK HARFLİ] blank is for the site owner to fill in (the server warns while one
// is left), and the whole text is for their lawyer to review. The widget shows a text as plain
// text, keeping its line breaks, so there is no Markdown syntax in them.
import type { NoticeKind } from '@izinli/core';

/** A title per kind and language, for a notice added without --title. */
export const DEFAULT_TITLES: Record<NoticeKind, { tr: string; en: string }> = {
  aydinlatma: {
    tr: 'Kişisel Verilerin Korunması Aydınlatma Metni',
    en: 'Personal Data Protection Information Notice',
  },
  etk: { tr: 'Ticari Elektronik İleti Onayı', en: 'Commercial Electronic Message Permission' },
  'acik-riza': { tr: 'Açık Rıza Metni', en: 'Explicit Consent' },
};

/** One notice `init` writes: its config entry's fields and the file's text. */
export interface NoticeTemplate {
  id: string;
  kind: NoticeKind;
  title: string;
  file: string;
  text: string;
}

const AYDINLATMA = `[ŞİRKET UNVANI] ("Şirket") olarak, 6698 sayılı Kişisel Verilerin Korunması Kanunu ("KVKK") uyarınca veri sorumlusu sıfatıyla sizi aşağıdaki konularda bilgilendiririz.

Veri sorumlusu: [ŞİRKET UNVANI], [ŞİRKET ADRESİ], MERSİS numarası [MERSİS NUMARASI].

İşlenen kişisel veriler: ad soyad, cep telefonu numarası, e-posta adresi, onay ve ret kayıtlarınız, IP adresinizin kısaltılmış hâli ve tarayıcı bilginiz.

Amaçlar ve hukuki sebepler: [HİZMETİN ADI] kapsamındaki işlemlerinizin yürütülmesi (KVKK m. 5/2-c, bir sözleşmenin kurulması veya ifası); ticari elektronik ileti onaylarınızın İleti Yönetim Sistemi'ne (İYS) kaydedilmesi ve ispatı (KVKK m. 5/2-ç, hukuki yükümlülüğün yerine getirilmesi; 6563 sayılı Elektronik Ticaretin Düzenlenmesi Hakkında Kanun). Açık rızanıza dayanan işlemler ayrıca ve yalnızca onay vermeniz hâlinde yapılır.

Toplama yöntemi: kişisel verileriniz bu internet sitesindeki form aracılığıyla, elektronik ortamda toplanır.

Aktarım: kişisel verileriniz, onaylarınızın kaydı için İleti Yönetim Sistemi A.Ş.'ye ve talep hâlinde yetkili kamu kurum ve kuruluşlarına aktarılabilir.

Saklama süresi: onay kayıtlarınız ve bunların ispatı için tutulan IP adresi ile tarayıcı bilgisi, onayın sona ermesinden itibaren 3 yıl saklanır ve ardından silinir.

Haklarınız: KVKK'nın 11. maddesindeki haklarınızı kullanmak için [KVKK BAŞVURU E-POSTA ADRESİ] adresine yazabilirsiniz.
`;

const ETK = `[ŞİRKET UNVANI] tarafından [ÜRÜN VE HİZMETLERİMİZ] ile ilgili kampanya, indirim ve duyurular hakkında, seçtiğim kanallardan (kısa mesaj, telefon araması, e-posta) ticari elektronik ileti gönderilmesine onay veriyorum. Onayımı dilediğim zaman, ücretsiz olarak, iletilerdeki ret bağlantısıyla ya da İYS üzerinden geri alabilirim.
`;

const RIZA = `Alışveriş ve gezinme geçmişimin, [ŞİRKET UNVANI] tarafından bana özel ürün ve hizmet önerileri sunulması amacıyla analiz edilmesine açık rıza veriyorum. Bu rızayı vermemem sunulan hizmetlerden yararlanmamı etkilemez; rızamı dilediğim zaman [KVKK BAŞVURU E-POSTA ADRESİ] adresine yazarak geri alabilirim.
`;

/** The three texts a new site starts with: the aydınlatma notice, the ETK text, one purpose. */
export const NOTICE_TEMPLATES: readonly NoticeTemplate[] = [
  {
    id: 'kvkk-aydinlatma',
    kind: 'aydinlatma',
    title: DEFAULT_TITLES.aydinlatma.tr,
    file: 'notices/aydinlatma.md',
    text: AYDINLATMA,
  },
  {
    id: 'etk-onay',
    kind: 'etk',
    title: DEFAULT_TITLES.etk.tr,
    file: 'notices/etk-onay.md',
    text: ETK,
  },
  {
    id: 'riza-pazarlama-analizi',
    kind: 'acik-riza',
    title: 'Kişiye Özel Öneriler için Açık Rıza',
    file: 'notices/riza-pazarlama-analizi.md',
    text: RIZA,
  },
];

/** The açık rıza purpose whose text is `riza-pazarlama-analizi` (one purpose, one box: B4). */
export const TEMPLATE_PURPOSE = {
  id: 'kisiye-ozel-oneriler',
  kind: 'processing',
  category: 'pazarlama-analizi',
  noticeId: 'riza-pazarlama-analizi',
  label: {
    tr: 'Alışveriş geçmişimin bana özel öneriler için analiz edilmesine açık rıza veriyorum.',
  },
} as const;
