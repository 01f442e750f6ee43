// Long because: the whole İYS error table, one line per code.
// GENERATED once from the HATA KODLARI table of İYS's OpenAPI document 3.2.0 (25/02/2026),
// plus the few codes that appear only in its response examples (marked). Messages are verbatim,
// typos included: İYS returns them byte for byte, and clients may match on them.
// Do not edit by hand except to follow a new version of the document.

/** One row of İYS's error table: the HTTP status it comes with and its exact Turkish message. */
export interface IysErrorInfo {
  readonly status: number;
  readonly message: string;
}

// The table by HTTP status, each code once under its status with its exact Turkish message.
const BY_STATUS = {
  400: {
    H014: 'Gönderilen istek JSON formatına uygun olmalıdır.',
    H082: 'Enum listeleme işlemi başarısız oldu.',
    H085: 'İzin ekleme isteği geçerli olmalıdır.',
    H090: 'Bayi ekleme isteği geçerli olmalıdır.',
    H092: 'Çoklu izin ekleme isteği geçerli olmalıdır.',
    H095: 'İşlem (transaction) isteği geçerli olmalıdır.',
    H097: 'İzin sorgulama isteği geçerli olmalıdır.',
    H098: 'Günlük izin değişim sorgulama isteği geçerli olmalıdır.',
    H123: 'Ulaşmaya çalıştığınız servis şu anda meşguldür. Lütfen daha sonra tekrar deneyiniz.',
    H171: 'Bayi izin erişimi vermek için geçerli bir istek gönderilmelidir.',
    H172: 'Bayi izin erişimini silmek için geçerli bir istek gönderilmelidir.',
    H173: 'Bayi izin erişimi sorgulamak için geçerli bir istek gönderilmelidir.',
    H174: 'İzin durumu (status) güncellemesi için farklı bir durum girilmelidir. İzin durumu: ONAY / RET',
    H175: 'İlk defa kaydedilen bir iznin durum (status) bilgisi RET olmamalıdır.',
    H176: 'Sadece admin hesabıyla işlem yapılabilir.',
    H178: 'Sistemdeki iznin tarihinden önceki tarihli izinlerle güncelleme yapılamaz.',
    H241: 'Enum getirme işlemi başarısız oldu.',
    H243: 'Lütfen geçerli bir Vergi Kimlik Numarası giriniz.',
    H244: 'Tin değeri 10 veya 11 karakter olmalıdır.',
    H245: 'Verilen iysCode entegratör grubuna ait değildir!',
    H250: 'Kullanıcı adı veya şifre eksik!',
    H252: 'Kimlik doğrulaması yapılamadı. Kimlik bilgileri eksik!',
    H266: 'iysCode değeri istek üzerinde bulunamadı.',
    H267: 'iysCode değeri boş olmamalıdır.',
    H363: 'Bu servisi kullanabilmek için yetkiniz bulunmamaktadır.',
    H401: 'Bayi eklenmesi beklenen izin sistemde bulunmamaktadır.',
    H402: 'Yetkili marka sorgulama isteği geçersizdir.',
    H403: 'İzin durumu sorgulama isteği geçerli olmalıdır.',
    H405: 'Marka bilgisi sorgulama isteği geçerli olmalıdır.',
    H462: 'TACIR izinleri güncellenirken izin tarihi (consentDate) verilmelidir',
    H463: 'TACIR izinleri güncellenirken izin kaynağı (source) verilmelidir.',
    H486: 'İzin kaynağı (source) kabul edilemedi. İzin verilen değerler: HS_FIZIKSEL_ORTAM, HS_ISLAK_IMZA, HS_WEB, HS_CAGRI_MERKEZI, HS_SOSYAL_MEDYA, HS_EPOSTA, HS_MESAJ, HS_MOBIL, HS_EORTAM, HS_ETKINLIK, HS_2015, HS_ATM',
    H1000: 'Form yayımlanmadığı için süreç başlatılamamaktadır.',
    H1005: '{{requestField}} bulunamadı',
    H1008: 'Kısalink servisinden beklenilen cevap alınamadı.',
    H1009: 'Sms/Mail servisinden beklenilen cevap alınamadı.',
    H1010: '{{verificationType}} | {{consenttypes}} alanına girilen değer uygun değil.',
    H1011: 'Verilen izin tiplerinden bir veya birkaçı sistemde bulunmamaktadır:',
    H1012:
      'verificationType alanı için gereken değerler: {{SMS_SHORTURL, SMS_OTP, etc.}} olmalıdır.',
    H1013: 'title alanı için gereken değerler: {{ETK, KVK, etc.}} olmalıdır.',
    H1014: 'Verilen marka kodları, istekte verilen IYS koda ait değildir.',
    H1015: 'İşleme devam edebilmek için via kontör miktarı yeterli değildir.',
    H1016: 'Gönderilen istek JSON formatına uygun olmalıdır.',
    H1018: 'Abonelik template servisinden beklenilen cevap alınamadı.',
    H1022: '{{request}} nesnesini silebilmek için önce {{request_detail}} nesnesi silinmelidir.',
    H1023: '{{requestId etc.}} alanı tekil olmalıdır.',
    H1024: '{{title}} alanı formata uygun değildir.',
    H1025: "'{{consenttypes}} | {{titale}}' geçersiz bir alan adıdır.",
    H1026:
      'Alıcı (recipient) için E164 uluslararası([+][country code][area code][local phone number]) formatına uygun bir telefon numarası girilmelidir. (örn. `+905992000000`)',
    H1027: 'Alıcı (recipient) kabul edilemedi. Geçerli bir eposta adresi giriniz.',
    H1028: 'Verilen işlem id için henüz işlem yapılmamıştır.',
    H1029: "'{{brandCodes}} | {{title}}' alanı '{{integer}} | {{String}}' tipinde olmalıdır.",
    H1030: 'Daha önceden işlem başlatılmış bir requestId ile süreç tamamlama işlemi yapılmalıdır.',
    H1031: 'Kullanılan izin sayısı maksimum sayıya ulaştığı için yeni izin eklenememektedir.',
    H1032: 'Verilen işlem id için süreç daha önce tamamlanmıştır.',
    H1033: 'Verilen işlem id için via yönetim bilgileri güncellenmediği için süreç tamamlanamaz.',
    H1034:
      'Verilen işlem id için işlem başlatma isteğine ait kısa linkin gönderildiğini belirten tarihçe bulunamamıştır.',
    H1035: 'Verilen işlem id için sistemde tarihçe bulunamadı.',
    H1036: 'Kontör düşebilmek için gerekli olan default değerleri alırken bir hata oluştu',
    H1037: "Form'da {{sys_status, name etc.}} alanı bulunamadı.",
    H1039: '{{iysCode}} alanı uzunluğu en fazla 15 olmalıdır.',
    H1041: 'İstek gövdesi geçerli bir JSON olmalıdır.',
    H1042: 'POST isteği için gövde boş olamaz.',
    H1043: 'İstek geçerli bir JSON içermiyor.',
    H1048:
      'Verilen işlem id ile başlatılan süreçteki alıcı adresi, istek üzerindeki alıcı adresi ile eşleştirilemedi.',
    H1049:
      'Verilen işlem id için süreç başlatılırken bir hata oluştuğundan işleme devam edilememektedir.',
    H1050: 'Otp kodu maksimum 3 defa hatalı girilebilir.',
    H1051: 'Gönderilen OTP ile 15 dakika içinde işlem yapılmadığı için süreç sonlanmıştır.',
    H1052: 'Girilen otp kodu geçerli değildir.',
    H1053: 'OTP servisinden beklenilen cevap alınamadı',
    H1054:
      'İstekte verilen title ve type değerlerinden en az bir tanesi template bilgisi ile eşleştirilemedi.',
    H1055: 'İstekte verilen formId:{{formId}} sistemde bulunamadı.',
    H1056: 'İstek üzerinde verilen doğrulama tipi (verificationType) OTP içermemektedir.',
    H1057: '{{formId, verificationType etc.}} alanı boş veya null olmamalıdır.',
    H1059:
      'Verilen işlem id ile süreç tamamlama işlemi sırasında beklenmedik bir hata oluştu. Lütfen daha sonra yeniden deneyiniz.',
    H1060: 'İstek tiplerinin(consentTypes) başlık(title) alanları tekrarlı olmamalıdır.',
    H1061: 'İzin tipi ismi (name) değeri liste içinde tekrarlanamaz.',
    H1062: 'İstekte verilen hizmet sağlayıcı kodu(iysCode) form detaylarında bulunamadı.',
    H1063: 'Alıcı tipi (recipientType) için uygun değerler: [BIREYSEL, TACIR] olmalıdır.',
    H1064:
      'Doğrulama tipi (verificationType), işlem başlatma isteğinde belirtilenle uyuşmamaktadır.',
    H1065:
      'İstekte verilen doğrulama tipi (verificationType) form tipi ile uyuşmamaktadır. Form tipi: {SHORTURL | OTP | APPROVALURL}',
    H1066: 'İstekte verilen ETK izni EPOSTA tipi için yalnızca bir adet olmalıdır.',
    H1069: 'Girilen hash url geçerli değildir.',
    H1072: 'Verilen işlem id ve iysCode için sistemde doküman bilgisi bulunamadı.',
    H1074: 'Belirtilen hashId için saat içinde işlem yapılmamıştır.',
    H1076: 'Verilen işlem id ile ilgili izin sistemde bulunamadı.',
    H1079:
      'İzin durumu (status) güncellemesi için farklı bir durum girilmelidir. İzin durumu: RET.',
    H1080: 'İlk defa kaydedilen bir iznin durum (status) bilgisi RET olmamalıdır.',
    H1081: 'Farklı izin kaynağı (source) kullanarak bir izin güncellenemez.',
    H1082: 'Sistemdeki iznin tarihinden önceki tarihli izinlerle güncelleme yapılamaz.',
    H1083: 'Güncellenmesi beklenen izin sistemde bulunamadı.',
    H1084: 'Alıcı (recipient) sistemde bulunamadı.',
    H1085:
      'Geçersiz izin tipi: {invalidType}. Lütfen geçerli izin tiplerini kullanın: {EPOSTA,ARAMA vb.}',
    H1086:
      "Girdiğiniz '{EPOSTA}' izin tipi, doğrulama tipi 'SMS_SHORTURL' ile uyuşmamaktadır. Uyuşan geçerli değerler: [MESAJ, ARAMA]",
    H1087: 'Hash ID eksik veya geçersiz.',
    H1088: "Geçersiz sayfa numarası. Sayfa numarası 0'dan büyük olmalıdır.",
    H1089: "Geçersiz boyut numarası. Boyut 0'dan büyük olmalıdır.",
    H1090: 'JSON verisinde eksik alanlar: {{fieldName}}',
    H1091: 'JSON maksimum derinliği aşıldı',
    H1092: 'Abonelik paketi durumu aktif olmalıdır.',
    H1093: 'IYS numarası ile abonelik bulunamadı.',
    H1094: '{{fieldName}} alanının tipi geçersiz.',
    H1095: 'Beklenmeyen alan: {{fieldName}}',
    H1096: 'Girdiğiniz TC kimlik numarası: formata uygun değildir.',
    H1105: 'Verilen hashId geçersizdir:',
    H1110:
      'OTP kod süreciniz bu işlem için tamamlanmıştır. Farklı bir süreç için yeniden başlatın.',
    H1111: 'Bu bağlantı ile daha önce işlem gerçekleştirilmiştir.',
  },
  401: {
    H251: 'Kullanıcı kimlik bilgileri geçersiz!',
    H351: 'Eksik veya geçersiz jeton!',
    H1038: 'Kimlik doğrulama başarısız. Token eksik!',
    H1045: 'Eksik veya geçersiz jeton!',
  },
  403: {
    H180: 'İstek gövdesinde yer alan bayi İYS numarasıyla (retailerCode) herhangi bir bayi bulunamadı.',
    H195: 'Marka bilgisi için sunucuda arama yapılamadı.',
    H196: 'Sunucudan iysCode bilgisi elde edilemedi.',
    H353: 'Alan, kullanıcı izinleriyle eşleştirilemiyor',
    H520: 'Abonelik durumu {{PAUSED|EXPIRED}} iken sadece {{HS|Entegratör}} abonelik sorgulama servisine istek atılabilir.', // from the response examples only
    H521: 'Abonelik durumu CLOSED iken api kullanılamamaktadır.',
    H524: '{{iysCode}} için ait abonelik kaydı bulunamadı',
    H586: 'Aboneliğiniz API kullanımını içermemektedir.',
    H1040: '{{iysCode}}, kullanıcı izinleriyle eşleştirilemiyor',
    H1046: 'Kimlik doğrulama servisinden kullanıcı bilgileri alınamadı.',
  },
  404: {
    H001: 'Hizmet Sağlayıcı:{{iysCode}} bulunamadı.', // from the response examples only
    H129: 'Entegratör bulunamadı.',
    H268: 'Verilen iysCode’una bağlı entegratör kullanıcısı bulunamadı!',
    H355: 'Kullanıcıda (ilgili yetki) yetkisi bulunmamaktadır!',
    H1104: 'Kullanıcıda VIA yetkisi bulunmamaktadır!',
    H1107: 'Geçersiz template id!',
    H1112: 'İlgili requeste ait request detayı bulunamadı!',
    H1113: 'İlgili requeste ait otp kod bulunamadı!',
  },
  405: {
    H1044: 'HTTP istek tipi geçersiz.',
  },
  409: {
    H1020: 'Sunucuya veri kaydedilirken bir problem oluştu.',
    H1021: '{{requestId etc.}} alanı boş olmamalıdır.',
    H1067: 'Daha önceden kullanılmamış bir hash link için işlem yapılmalıdır.',
    H1097: 'Tekil olmayan bir değer girilmiştir.',
  },
  422: {
    H091: 'İzin ekleme sayısı en fazla 1000 olmalıdır.',
    H093: 'transactionId bulunamadı.',
    H110: 'Durum (status) bulunamadı.',
    H111: 'İzin tipi (type) bulunamadı.',
    H112: 'İzin tarihi (consentDate) bulunamadı.',
    H113: 'İzin kaynağı (source) bulunamadı.',
    H114: 'Alıcı (recipient) bulunamadı.',
    H115: 'Durum (status) için uygun değerler: ONAY, RET',
    H116: 'Alıcı tipi (recipientType) için uygun değerler: BIREYSEL, TACIR',
    H117: 'İzin tipi (type) için uygun değerler: ARAMA, MESAJ, EPOSTA',
    H118: 'Alan değeri kabul edilemedi. İstek gövdesinde bulunabilecek değerler: recipientType, retailerAccess, recipient, retailerCode, source, type, consentDate, status olmalıdır.',
    H119: 'İzin kaynağı (source) için uygun değerler: HS_FIZIKSEL_ORTAM, HS_ISLAK_IMZA, HS_WEB, HS_CAGRI_MERKEZI, HS_SOSYAL_MEDYA, HS_EPOSTA, HS_MESAJ, HS_MOBIL, HS_EORTAM, HS_ETKINLIK, HS_2015, HS_ATM, HS_KARAR',
    H120: 'Alıcı (recipient) kabul edilemedi. Geçerli bir eposta adresi giriniz.',
    H121: 'Alıcı (recipient) için E164 uluslararası([+][country code][area code][local phone number]) formatına uygun bir telefon numarası girilmelidir. (örn. +905992000000)',
    H122: 'Alıcı (recipient) için E164 uluslararası ([+][country code][area code][local phone number]) formatına uygun bir telefon numarası (örn. +905992000000) ya da geçerli bir e-posta adresi girilmelidir.',
    H125: 'Tek seferde eklenecek izin sayısı en fazla 1000 olmalıdır.',
    H126: 'İzin erişimi olan bayilerin (retailer) liste uzunluğu en fazla 100 olmalıdır.',
    H127: 'Alıcı listesi (recipients) uzunluğu en fazla 100 olmalıdır.',
    H155: 'İzin kaynağı “1 Mayıs 2015 öncesi” olan izinler için, izin tarihi sadece 2015-05-01 00:00:00 olabilir.',
    H156: 'İzinler için 1 Mayıs 2015’den önceki tarihler kabul edilmemektedir.',
    H157: 'Geçerli bir tarih girilmelidir.',
    H158: 'İzin tarihi yyyy-mm-dd hh:mm:ss formatında olmalıdır.',
    H160: 'Alıcı için telefon numaraları 15 karakterden uzun olmamalıdır.',
    H162: 'Mevcut tarih ve saatten ileri bir tarih ve saat girilmemelidir.',
    H163: 'Bayiler kabul edilemedi. Lütfen boş liste eklemeyiniz.',
    H164: 'Alıcı listesi (recipients) kabul edilemedi. Liste boş olmamalıdır.',
    H166: 'Alıcı (recipient) kabul edilemedi. Telefon numaraları 15 karakterden uzun olamaz.',
    H168: 'Alıcı listesi (recipients) bulunamadı.',
    H169: 'İzin erişimi olan bayiler (retailerAccess) bulunamadı.',
    H170: 'Alıcı tipi (recipientType) bulunamadı.',
    H182: 'offset değeri geçerli olmalıdır.',
    H183: 'limit değeri geçerli olmalıdır.',
    H184: 'all değeri geçerli olmalıdır.',
    H185: 'short değeri geçerli olmalıdır.',
    H186: 'Sayfalama (pagination) değeri en fazla 100 olabilir.',
    H187: 'limit değerleri sıfır olmamalıdır.',
    H190: 'iysCode integer bir değer olmalıdır.',
    H191: 'brandCode integer bir değer olmalıdır.',
    H193: 'Bayi İYS numarası ve alıcı değeri liste içinde tekrarlanamaz.',
    H194: 'İzin listede daha önce tanımlandı. Liste içinde izinler alıcı tipi (recipientType), tip (type) ve alıcı (recipient) değerleri için tekrarlanamaz.',
    H197: 'Arama için kullanılacak karakter öbeği (text) bulunamadı.',
    H198: 'requestId 36 karakterden daha uzun olamaz.',
    H199: 'requestId sadece harflerden meydana gelemez.',
    H400: 'requestId sadece sayılardan meydana gelemez.',
    H404: 'text en az bir karakter içermelidir.',
    H408: 'HS_KARAR kaynağından iletilen izinler için durum bilgisi RET olmalıdır.',
    H450: 'İzin tipi (type) değeri geçerli olmalıdır.',
    H452: 'İzin tipi (type) değeri ARAMA, MESAJ için beklenen izin kaynağı IYS_CM, IYS_KISAMESAJ olmalıdır.',
    H453: "Alıcı (recipient) için gün içerisinde yapılan işlem sayısı 2'dir, daha fazla işlem yapılamamaktadır.",
    H454: 'İzin kaydetme isteği için verilen istek bilgisi (requestId) geçerli olmalıdır.',
    H455: 'İzin kaydetme isteği için verilen doğrulama kodu (verificationCode) geçerli olmalıdır.',
    H456: 'İzin kaydetme isteği için verilen istek bilgisiyle (requestId) ilgili işlem bulunamadı.',
    H459: 'Alıcı (recipient) için beklenen izin tipi (type) değerleri MESAJ, ARAMA olmalıdır',
    H460: 'Girilen veriler doğrulamadı.',
    H464: 'İzin tipi (type) MESAJ için, alıcı (recipient) telefon formatında olmalıdır.',
    H465: 'Alıcı (recipient) için 3 dk içinde yeni bir süreç başlatılamamaktadır',
    H467: 'Üç iş günü öncesinde alınan izinler kaydedilemez.',
    H478: 'Alıcı listesi (recipients) liste olmalıdır.',
    H506: 'İzin kaynağı (source) bulunamadı.', // from the response examples only
    H507: 'limit alanı için karakter üst sınırı 1000 olmalıdır.', // from the response examples only
    H525: 'Kullanılan izin sayısı maksimum sayıya ulaştığı için yeni izin eklenememektedir.',
    H530: 'Bağlantı oluşturulamadı.', // from the response examples only
    H531: 'Bağlantı linki (url) https ile başlamalıdır.', // from the response examples only
  },
  429: {
    H083: 'Saniyede kabul edilen istek limitinine ulaşıldı. Lütfen daha sonra tekrar deneyiniz.',
    H084: 'Saatte kabul edilen kimlik doğrulama istek limitine ulaşıldı. Lütfen daha sonra tekrar deneyiniz.',
    H086: 'Saatte kabul edilen tekil izin durumu sorgulama istek limitine ulaşıldı. Lütfen daha sonra tekrar deneyiniz.',
    H089: 'Saatte kabul edilen izin geçmişi listeleme istek limitine ulaşıldı. Lütfen daha sonra tekrar deneyiniz.',
    H124: 'Saniyede kabul edilen istek limitine ulaşıldı. Lütfen daha sonra tekrar deneyiniz.',
  },
  500: {
    H015: 'Beklenmedik bir hata oluştu.',
    H060: 'Bayi:{{retailerCode}} güncelleme operasyonu gerçekleştirilemedi.',
    H061: 'Bayi:{{retailerCode}} silme operasyonu gerçekleştirilemedi',
    H062: 'Bayi:{{retailerCode}} kaydetme operasyonu gerçekleştirilemedi',
    H100: 'Sunucuya kurtarma verisi kaydedilemedi.',
    H101: 'Sunucuya esas veri kaydedilemedi.',
    H102: 'Şifreleme işlemleri yapılamadı.',
    H103: 'Sunucuda arama yapılamadı.',
    H105: 'Şifre çözme işlemi başarısız oldu.',
    H106: 'Durum raporu oluşturulamadı.',
    H107: 'İzinler listelenemedi.',
    H179: 'İzin tarihi karşılaştırması yapılamadı.',
    H181: 'Bayi bilgisi listelenemedi.',
    H412: 'Beklenmedik bir hata oluştu.',
    H470: 'Beklenmedik bir hata oluştu.',
    H476: 'Beklenmedik bir hata oluştu.',
    H1001: 'Via-Manager servisi ile bağlantı sağlanamadı.',
    H1002: 'Open-Api servisi ile bağlantı sağlanamadı.',
    H1003: 'Abonelik servisi ile bağlantı sağlanamadı.',
    H1004: 'Management-Api servisi ile bağlantı sağlanamadı.',
    H1007: 'Kısalink servisi ile bağlantı sağlanamadı.',
    H1017: 'Sms/Mail servisi ile bağlantı sağlanamadı.',
    H1019: 'Beklenmedik bir hata oluştu',
    H1047:
      'Kimlik doğrulama servisinden kullanıcı bilgileri alınırken beklenmedik bir hata oluştu.',
    H1058: 'Otp servisi ile bağlantı sağlanamadı.',
    H1068: 'Approval Url servisi ile bağlantı sağlanamadı.',
    H1070: 'Sunucuya Esas veri kaydedilemedi.',
    H1073: 'Dosya yönetim servisinden veri alınırken hata oluştu.',
    H1075: 'Mesaj Ret isteği kaydedilirken beklenmedik bir hata oluştu.',
    H1077: 'Hash ID üretilirken beklenmedik bir hata oluştu.',
  },
  503: {
    H192: 'İstek zaman aşımına uğradı.',
  },
} as const satisfies Record<number, Record<string, string>>;

type ByStatus = typeof BY_STATUS;

/** A code İYS documents. */
export type IysErrorCode = { [S in keyof ByStatus]: keyof ByStatus[S] & string }[keyof ByStatus];

/** Every error code İYS documents, with its HTTP status and exact Turkish message, by code. */
export const IYS_ERRORS = Object.fromEntries(
  Object.entries(BY_STATUS)
    .flatMap(([status, messages]) =>
      Object.entries(messages).map(([code, message]) => [
        code,
        { status: Number(status), message },
      ]),
    )
    .sort(([a], [b]) => Number(String(a).slice(1)) - Number(String(b).slice(1))),
) as Readonly<Record<IysErrorCode, IysErrorInfo>>;

/** Rows the table lists more than once under the same code (the first one is in `IYS_ERRORS`). */
export const IYS_ERROR_DUPLICATES: readonly {
  code: IysErrorCode;
  status: number;
  message: string;
}[] = [
  { code: 'H1005', status: 404, message: 'oid bulunamadı' },
  { code: 'H1005', status: 404, message: 'details bulunamadı' },
];
