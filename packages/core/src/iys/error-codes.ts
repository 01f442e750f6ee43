// Long because: the whole İYS error table, one entry per code.
// GENERATED once from the HATA KODLARI table of İYS's OpenAPI document 3.2.0 (25/02/2026),
// plus the few codes that appear only in its response examples (marked). Messages are verbatim,
// typos included: İYS returns them byte for byte, and clients may match on them.
// Do not edit by hand except to follow a new version of the document.

/** One row of İYS's error table: the HTTP status it comes with and its exact Turkish message. */
export interface IysErrorInfo {
  readonly status: number;
  readonly message: string;
}

/** Every error code İYS documents, with its HTTP status and exact Turkish message. */
export const IYS_ERRORS = {
  H001: { status: 404, message: 'Hizmet Sağlayıcı:{{iysCode}} bulunamadı.' }, // from the response examples only
  H014: { status: 400, message: 'Gönderilen istek JSON formatına uygun olmalıdır.' },
  H015: { status: 500, message: 'Beklenmedik bir hata oluştu.' },
  H060: {
    status: 500,
    message: 'Bayi:{{retailerCode}} güncelleme operasyonu gerçekleştirilemedi.',
  },
  H061: { status: 500, message: 'Bayi:{{retailerCode}} silme operasyonu gerçekleştirilemedi' },
  H062: { status: 500, message: 'Bayi:{{retailerCode}} kaydetme operasyonu gerçekleştirilemedi' },
  H082: { status: 400, message: 'Enum listeleme işlemi başarısız oldu.' },
  H083: {
    status: 429,
    message: 'Saniyede kabul edilen istek limitinine ulaşıldı. Lütfen daha sonra tekrar deneyiniz.',
  },
  H084: {
    status: 429,
    message:
      'Saatte kabul edilen kimlik doğrulama istek limitine ulaşıldı. Lütfen daha sonra tekrar deneyiniz.',
  },
  H085: { status: 400, message: 'İzin ekleme isteği geçerli olmalıdır.' },
  H086: {
    status: 429,
    message:
      'Saatte kabul edilen tekil izin durumu sorgulama istek limitine ulaşıldı. Lütfen daha sonra tekrar deneyiniz.',
  },
  H089: {
    status: 429,
    message:
      'Saatte kabul edilen izin geçmişi listeleme istek limitine ulaşıldı. Lütfen daha sonra tekrar deneyiniz.',
  },
  H090: { status: 400, message: 'Bayi ekleme isteği geçerli olmalıdır.' },
  H091: { status: 422, message: 'İzin ekleme sayısı en fazla 1000 olmalıdır.' },
  H092: { status: 400, message: 'Çoklu izin ekleme isteği geçerli olmalıdır.' },
  H093: { status: 422, message: 'transactionId bulunamadı.' },
  H095: { status: 400, message: 'İşlem (transaction) isteği geçerli olmalıdır.' },
  H097: { status: 400, message: 'İzin sorgulama isteği geçerli olmalıdır.' },
  H098: { status: 400, message: 'Günlük izin değişim sorgulama isteği geçerli olmalıdır.' },
  H100: { status: 500, message: 'Sunucuya kurtarma verisi kaydedilemedi.' },
  H101: { status: 500, message: 'Sunucuya esas veri kaydedilemedi.' },
  H102: { status: 500, message: 'Şifreleme işlemleri yapılamadı.' },
  H103: { status: 500, message: 'Sunucuda arama yapılamadı.' },
  H105: { status: 500, message: 'Şifre çözme işlemi başarısız oldu.' },
  H106: { status: 500, message: 'Durum raporu oluşturulamadı.' },
  H107: { status: 500, message: 'İzinler listelenemedi.' },
  H110: { status: 422, message: 'Durum (status) bulunamadı.' },
  H111: { status: 422, message: 'İzin tipi (type) bulunamadı.' },
  H112: { status: 422, message: 'İzin tarihi (consentDate) bulunamadı.' },
  H113: { status: 422, message: 'İzin kaynağı (source) bulunamadı.' },
  H114: { status: 422, message: 'Alıcı (recipient) bulunamadı.' },
  H115: { status: 422, message: 'Durum (status) için uygun değerler: ONAY, RET' },
  H116: { status: 422, message: 'Alıcı tipi (recipientType) için uygun değerler: BIREYSEL, TACIR' },
  H117: { status: 422, message: 'İzin tipi (type) için uygun değerler: ARAMA, MESAJ, EPOSTA' },
  H118: {
    status: 422,
    message:
      'Alan değeri kabul edilemedi. İstek gövdesinde bulunabilecek değerler: recipientType, retailerAccess, recipient, retailerCode, source, type, consentDate, status olmalıdır.',
  },
  H119: {
    status: 422,
    message:
      'İzin kaynağı (source) için uygun değerler: HS_FIZIKSEL_ORTAM, HS_ISLAK_IMZA, HS_WEB, HS_CAGRI_MERKEZI, HS_SOSYAL_MEDYA, HS_EPOSTA, HS_MESAJ, HS_MOBIL, HS_EORTAM, HS_ETKINLIK, HS_2015, HS_ATM, HS_KARAR',
  },
  H120: {
    status: 422,
    message: 'Alıcı (recipient) kabul edilemedi. Geçerli bir eposta adresi giriniz.',
  },
  H121: {
    status: 422,
    message:
      'Alıcı (recipient) için E164 uluslararası([+][country code][area code][local phone number]) formatına uygun bir telefon numarası girilmelidir. (örn. +905992000000)',
  },
  H122: {
    status: 422,
    message:
      'Alıcı (recipient) için E164 uluslararası ([+][country code][area code][local phone number]) formatına uygun bir telefon numarası (örn. +905992000000) ya da geçerli bir e-posta adresi girilmelidir.',
  },
  H123: {
    status: 400,
    message: 'Ulaşmaya çalıştığınız servis şu anda meşguldür. Lütfen daha sonra tekrar deneyiniz.',
  },
  H124: {
    status: 429,
    message: 'Saniyede kabul edilen istek limitine ulaşıldı. Lütfen daha sonra tekrar deneyiniz.',
  },
  H125: { status: 422, message: 'Tek seferde eklenecek izin sayısı en fazla 1000 olmalıdır.' },
  H126: {
    status: 422,
    message: 'İzin erişimi olan bayilerin (retailer) liste uzunluğu en fazla 100 olmalıdır.',
  },
  H127: { status: 422, message: 'Alıcı listesi (recipients) uzunluğu en fazla 100 olmalıdır.' },
  H129: { status: 404, message: 'Entegratör bulunamadı.' },
  H155: {
    status: 422,
    message:
      'İzin kaynağı “1 Mayıs 2015 öncesi” olan izinler için, izin tarihi sadece 2015-05-01 00:00:00 olabilir.',
  },
  H156: {
    status: 422,
    message: 'İzinler için 1 Mayıs 2015’den önceki tarihler kabul edilmemektedir.',
  },
  H157: { status: 422, message: 'Geçerli bir tarih girilmelidir.' },
  H158: { status: 422, message: 'İzin tarihi yyyy-mm-dd hh:mm:ss formatında olmalıdır.' },
  H160: { status: 422, message: 'Alıcı için telefon numaraları 15 karakterden uzun olmamalıdır.' },
  H162: { status: 422, message: 'Mevcut tarih ve saatten ileri bir tarih ve saat girilmemelidir.' },
  H163: { status: 422, message: 'Bayiler kabul edilemedi. Lütfen boş liste eklemeyiniz.' },
  H164: {
    status: 422,
    message: 'Alıcı listesi (recipients) kabul edilemedi. Liste boş olmamalıdır.',
  },
  H166: {
    status: 422,
    message: 'Alıcı (recipient) kabul edilemedi. Telefon numaraları 15 karakterden uzun olamaz.',
  },
  H168: { status: 422, message: 'Alıcı listesi (recipients) bulunamadı.' },
  H169: { status: 422, message: 'İzin erişimi olan bayiler (retailerAccess) bulunamadı.' },
  H170: { status: 422, message: 'Alıcı tipi (recipientType) bulunamadı.' },
  H171: {
    status: 400,
    message: 'Bayi izin erişimi vermek için geçerli bir istek gönderilmelidir.',
  },
  H172: {
    status: 400,
    message: 'Bayi izin erişimini silmek için geçerli bir istek gönderilmelidir.',
  },
  H173: {
    status: 400,
    message: 'Bayi izin erişimi sorgulamak için geçerli bir istek gönderilmelidir.',
  },
  H174: {
    status: 400,
    message:
      'İzin durumu (status) güncellemesi için farklı bir durum girilmelidir. İzin durumu: ONAY / RET',
  },
  H175: {
    status: 400,
    message: 'İlk defa kaydedilen bir iznin durum (status) bilgisi RET olmamalıdır.',
  },
  H176: { status: 400, message: 'Sadece admin hesabıyla işlem yapılabilir.' },
  H178: {
    status: 400,
    message: 'Sistemdeki iznin tarihinden önceki tarihli izinlerle güncelleme yapılamaz.',
  },
  H179: { status: 500, message: 'İzin tarihi karşılaştırması yapılamadı.' },
  H180: {
    status: 403,
    message:
      'İstek gövdesinde yer alan bayi İYS numarasıyla (retailerCode) herhangi bir bayi bulunamadı.',
  },
  H181: { status: 500, message: 'Bayi bilgisi listelenemedi.' },
  H182: { status: 422, message: 'offset değeri geçerli olmalıdır.' },
  H183: { status: 422, message: 'limit değeri geçerli olmalıdır.' },
  H184: { status: 422, message: 'all değeri geçerli olmalıdır.' },
  H185: { status: 422, message: 'short değeri geçerli olmalıdır.' },
  H186: { status: 422, message: 'Sayfalama (pagination) değeri en fazla 100 olabilir.' },
  H187: { status: 422, message: 'limit değerleri sıfır olmamalıdır.' },
  H190: { status: 422, message: 'iysCode integer bir değer olmalıdır.' },
  H191: { status: 422, message: 'brandCode integer bir değer olmalıdır.' },
  H192: { status: 503, message: 'İstek zaman aşımına uğradı.' },
  H193: { status: 422, message: 'Bayi İYS numarası ve alıcı değeri liste içinde tekrarlanamaz.' },
  H194: {
    status: 422,
    message:
      'İzin listede daha önce tanımlandı. Liste içinde izinler alıcı tipi (recipientType), tip (type) ve alıcı (recipient) değerleri için tekrarlanamaz.',
  },
  H195: { status: 403, message: 'Marka bilgisi için sunucuda arama yapılamadı.' },
  H196: { status: 403, message: 'Sunucudan iysCode bilgisi elde edilemedi.' },
  H197: { status: 422, message: 'Arama için kullanılacak karakter öbeği (text) bulunamadı.' },
  H198: { status: 422, message: 'requestId 36 karakterden daha uzun olamaz.' },
  H199: { status: 422, message: 'requestId sadece harflerden meydana gelemez.' },
  H241: { status: 400, message: 'Enum getirme işlemi başarısız oldu.' },
  H243: { status: 400, message: 'Lütfen geçerli bir Vergi Kimlik Numarası giriniz.' },
  H244: { status: 400, message: 'Tin değeri 10 veya 11 karakter olmalıdır.' },
  H245: { status: 400, message: 'Verilen iysCode entegratör grubuna ait değildir!' },
  H250: { status: 400, message: 'Kullanıcı adı veya şifre eksik!' },
  H251: { status: 401, message: 'Kullanıcı kimlik bilgileri geçersiz!' },
  H252: { status: 400, message: 'Kimlik doğrulaması yapılamadı. Kimlik bilgileri eksik!' },
  H266: { status: 400, message: 'iysCode değeri istek üzerinde bulunamadı.' },
  H267: { status: 400, message: 'iysCode değeri boş olmamalıdır.' },
  H268: { status: 404, message: 'Verilen iysCode’una bağlı entegratör kullanıcısı bulunamadı!' },
  H351: { status: 401, message: 'Eksik veya geçersiz jeton!' },
  H353: { status: 403, message: 'Alan, kullanıcı izinleriyle eşleştirilemiyor' },
  H355: { status: 404, message: 'Kullanıcıda (ilgili yetki) yetkisi bulunmamaktadır!' },
  H363: { status: 400, message: 'Bu servisi kullanabilmek için yetkiniz bulunmamaktadır.' },
  H400: { status: 422, message: 'requestId sadece sayılardan meydana gelemez.' },
  H401: { status: 400, message: 'Bayi eklenmesi beklenen izin sistemde bulunmamaktadır.' },
  H402: { status: 400, message: 'Yetkili marka sorgulama isteği geçersizdir.' },
  H403: { status: 400, message: 'İzin durumu sorgulama isteği geçerli olmalıdır.' },
  H404: { status: 422, message: 'text en az bir karakter içermelidir.' },
  H405: { status: 400, message: 'Marka bilgisi sorgulama isteği geçerli olmalıdır.' },
  H408: {
    status: 422,
    message: 'HS_KARAR kaynağından iletilen izinler için durum bilgisi RET olmalıdır.',
  },
  H412: { status: 500, message: 'Beklenmedik bir hata oluştu.' },
  H450: { status: 422, message: 'İzin tipi (type) değeri geçerli olmalıdır.' },
  H452: {
    status: 422,
    message:
      'İzin tipi (type) değeri ARAMA, MESAJ için beklenen izin kaynağı IYS_CM, IYS_KISAMESAJ olmalıdır.',
  },
  H453: {
    status: 422,
    message:
      "Alıcı (recipient) için gün içerisinde yapılan işlem sayısı 2'dir, daha fazla işlem yapılamamaktadır.",
  },
  H454: {
    status: 422,
    message: 'İzin kaydetme isteği için verilen istek bilgisi (requestId) geçerli olmalıdır.',
  },
  H455: {
    status: 422,
    message:
      'İzin kaydetme isteği için verilen doğrulama kodu (verificationCode) geçerli olmalıdır.',
  },
  H456: {
    status: 422,
    message:
      'İzin kaydetme isteği için verilen istek bilgisiyle (requestId) ilgili işlem bulunamadı.',
  },
  H459: {
    status: 422,
    message: 'Alıcı (recipient) için beklenen izin tipi (type) değerleri MESAJ, ARAMA olmalıdır',
  },
  H460: { status: 422, message: 'Girilen veriler doğrulamadı.' },
  H462: {
    status: 400,
    message: 'TACIR izinleri güncellenirken izin tarihi (consentDate) verilmelidir',
  },
  H463: {
    status: 400,
    message: 'TACIR izinleri güncellenirken izin kaynağı (source) verilmelidir.',
  },
  H464: {
    status: 422,
    message: 'İzin tipi (type) MESAJ için, alıcı (recipient) telefon formatında olmalıdır.',
  },
  H465: {
    status: 422,
    message: 'Alıcı (recipient) için 3 dk içinde yeni bir süreç başlatılamamaktadır',
  },
  H467: { status: 422, message: 'Üç iş günü öncesinde alınan izinler kaydedilemez.' },
  H470: { status: 500, message: 'Beklenmedik bir hata oluştu.' },
  H476: { status: 500, message: 'Beklenmedik bir hata oluştu.' },
  H478: { status: 422, message: 'Alıcı listesi (recipients) liste olmalıdır.' },
  H486: {
    status: 400,
    message:
      'İzin kaynağı (source) kabul edilemedi. İzin verilen değerler: HS_FIZIKSEL_ORTAM, HS_ISLAK_IMZA, HS_WEB, HS_CAGRI_MERKEZI, HS_SOSYAL_MEDYA, HS_EPOSTA, HS_MESAJ, HS_MOBIL, HS_EORTAM, HS_ETKINLIK, HS_2015, HS_ATM',
  },
  H506: { status: 422, message: 'İzin kaynağı (source) bulunamadı.' }, // from the response examples only
  H507: { status: 422, message: 'limit alanı için karakter üst sınırı 1000 olmalıdır.' }, // from the response examples only
  H520: {
    status: 403,
    message:
      'Abonelik durumu {{PAUSED|EXPIRED}} iken sadece {{HS|Entegratör}} abonelik sorgulama servisine istek atılabilir.',
  }, // from the response examples only
  H521: { status: 403, message: 'Abonelik durumu CLOSED iken api kullanılamamaktadır.' },
  H524: { status: 403, message: '{{iysCode}} için ait abonelik kaydı bulunamadı' },
  H525: {
    status: 422,
    message: 'Kullanılan izin sayısı maksimum sayıya ulaştığı için yeni izin eklenememektedir.',
  },
  H530: { status: 422, message: 'Bağlantı oluşturulamadı.' }, // from the response examples only
  H531: { status: 422, message: 'Bağlantı linki (url) https ile başlamalıdır.' }, // from the response examples only
  H586: { status: 403, message: 'Aboneliğiniz API kullanımını içermemektedir.' },
  H1000: { status: 400, message: 'Form yayımlanmadığı için süreç başlatılamamaktadır.' },
  H1001: { status: 500, message: 'Via-Manager servisi ile bağlantı sağlanamadı.' },
  H1002: { status: 500, message: 'Open-Api servisi ile bağlantı sağlanamadı.' },
  H1003: { status: 500, message: 'Abonelik servisi ile bağlantı sağlanamadı.' },
  H1004: { status: 500, message: 'Management-Api servisi ile bağlantı sağlanamadı.' },
  H1005: { status: 400, message: '{{requestField}} bulunamadı' },
  H1007: { status: 500, message: 'Kısalink servisi ile bağlantı sağlanamadı.' },
  H1008: { status: 400, message: 'Kısalink servisinden beklenilen cevap alınamadı.' },
  H1009: { status: 400, message: 'Sms/Mail servisinden beklenilen cevap alınamadı.' },
  H1010: {
    status: 400,
    message: '{{verificationType}} | {{consenttypes}} alanına girilen değer uygun değil.',
  },
  H1011: {
    status: 400,
    message: 'Verilen izin tiplerinden bir veya birkaçı sistemde bulunmamaktadır:',
  },
  H1012: {
    status: 400,
    message:
      'verificationType alanı için gereken değerler: {{SMS_SHORTURL, SMS_OTP, etc.}} olmalıdır.',
  },
  H1013: {
    status: 400,
    message: 'title alanı için gereken değerler: {{ETK, KVK, etc.}} olmalıdır.',
  },
  H1014: { status: 400, message: 'Verilen marka kodları, istekte verilen IYS koda ait değildir.' },
  H1015: {
    status: 400,
    message: 'İşleme devam edebilmek için via kontör miktarı yeterli değildir.',
  },
  H1016: { status: 400, message: 'Gönderilen istek JSON formatına uygun olmalıdır.' },
  H1017: { status: 500, message: 'Sms/Mail servisi ile bağlantı sağlanamadı.' },
  H1018: { status: 400, message: 'Abonelik template servisinden beklenilen cevap alınamadı.' },
  H1019: { status: 500, message: 'Beklenmedik bir hata oluştu' },
  H1020: { status: 409, message: 'Sunucuya veri kaydedilirken bir problem oluştu.' },
  H1021: { status: 409, message: '{{requestId etc.}} alanı boş olmamalıdır.' },
  H1022: {
    status: 400,
    message: '{{request}} nesnesini silebilmek için önce {{request_detail}} nesnesi silinmelidir.',
  },
  H1023: { status: 400, message: '{{requestId etc.}} alanı tekil olmalıdır.' },
  H1024: { status: 400, message: '{{title}} alanı formata uygun değildir.' },
  H1025: { status: 400, message: "'{{consenttypes}} | {{titale}}' geçersiz bir alan adıdır." },
  H1026: {
    status: 400,
    message:
      'Alıcı (recipient) için E164 uluslararası([+][country code][area code][local phone number]) formatına uygun bir telefon numarası girilmelidir. (örn. `+905992000000`)',
  },
  H1027: {
    status: 400,
    message: 'Alıcı (recipient) kabul edilemedi. Geçerli bir eposta adresi giriniz.',
  },
  H1028: { status: 400, message: 'Verilen işlem id için henüz işlem yapılmamıştır.' },
  H1029: {
    status: 400,
    message: "'{{brandCodes}} | {{title}}' alanı '{{integer}} | {{String}}' tipinde olmalıdır.",
  },
  H1030: {
    status: 400,
    message:
      'Daha önceden işlem başlatılmış bir requestId ile süreç tamamlama işlemi yapılmalıdır.',
  },
  H1031: {
    status: 400,
    message: 'Kullanılan izin sayısı maksimum sayıya ulaştığı için yeni izin eklenememektedir.',
  },
  H1032: { status: 400, message: 'Verilen işlem id için süreç daha önce tamamlanmıştır.' },
  H1033: {
    status: 400,
    message: 'Verilen işlem id için via yönetim bilgileri güncellenmediği için süreç tamamlanamaz.',
  },
  H1034: {
    status: 400,
    message:
      'Verilen işlem id için işlem başlatma isteğine ait kısa linkin gönderildiğini belirten tarihçe bulunamamıştır.',
  },
  H1035: { status: 400, message: 'Verilen işlem id için sistemde tarihçe bulunamadı.' },
  H1036: {
    status: 400,
    message: 'Kontör düşebilmek için gerekli olan default değerleri alırken bir hata oluştu',
  },
  H1037: { status: 400, message: "Form'da {{sys_status, name etc.}} alanı bulunamadı." },
  H1038: { status: 401, message: 'Kimlik doğrulama başarısız. Token eksik!' },
  H1039: { status: 400, message: '{{iysCode}} alanı uzunluğu en fazla 15 olmalıdır.' },
  H1040: { status: 403, message: '{{iysCode}}, kullanıcı izinleriyle eşleştirilemiyor' },
  H1041: { status: 400, message: 'İstek gövdesi geçerli bir JSON olmalıdır.' },
  H1042: { status: 400, message: 'POST isteği için gövde boş olamaz.' },
  H1043: { status: 400, message: 'İstek geçerli bir JSON içermiyor.' },
  H1044: { status: 405, message: 'HTTP istek tipi geçersiz.' },
  H1045: { status: 401, message: 'Eksik veya geçersiz jeton!' },
  H1046: { status: 403, message: 'Kimlik doğrulama servisinden kullanıcı bilgileri alınamadı.' },
  H1047: {
    status: 500,
    message:
      'Kimlik doğrulama servisinden kullanıcı bilgileri alınırken beklenmedik bir hata oluştu.',
  },
  H1048: {
    status: 400,
    message:
      'Verilen işlem id ile başlatılan süreçteki alıcı adresi, istek üzerindeki alıcı adresi ile eşleştirilemedi.',
  },
  H1049: {
    status: 400,
    message:
      'Verilen işlem id için süreç başlatılırken bir hata oluştuğundan işleme devam edilememektedir.',
  },
  H1050: { status: 400, message: 'Otp kodu maksimum 3 defa hatalı girilebilir.' },
  H1051: {
    status: 400,
    message: 'Gönderilen OTP ile 15 dakika içinde işlem yapılmadığı için süreç sonlanmıştır.',
  },
  H1052: { status: 400, message: 'Girilen otp kodu geçerli değildir.' },
  H1053: { status: 400, message: 'OTP servisinden beklenilen cevap alınamadı' },
  H1054: {
    status: 400,
    message:
      'İstekte verilen title ve type değerlerinden en az bir tanesi template bilgisi ile eşleştirilemedi.',
  },
  H1055: { status: 400, message: 'İstekte verilen formId:{{formId}} sistemde bulunamadı.' },
  H1056: {
    status: 400,
    message: 'İstek üzerinde verilen doğrulama tipi (verificationType) OTP içermemektedir.',
  },
  H1057: {
    status: 400,
    message: '{{formId, verificationType etc.}} alanı boş veya null olmamalıdır.',
  },
  H1058: { status: 500, message: 'Otp servisi ile bağlantı sağlanamadı.' },
  H1059: {
    status: 400,
    message:
      'Verilen işlem id ile süreç tamamlama işlemi sırasında beklenmedik bir hata oluştu. Lütfen daha sonra yeniden deneyiniz.',
  },
  H1060: {
    status: 400,
    message: 'İstek tiplerinin(consentTypes) başlık(title) alanları tekrarlı olmamalıdır.',
  },
  H1061: { status: 400, message: 'İzin tipi ismi (name) değeri liste içinde tekrarlanamaz.' },
  H1062: {
    status: 400,
    message: 'İstekte verilen hizmet sağlayıcı kodu(iysCode) form detaylarında bulunamadı.',
  },
  H1063: {
    status: 400,
    message: 'Alıcı tipi (recipientType) için uygun değerler: [BIREYSEL, TACIR] olmalıdır.',
  },
  H1064: {
    status: 400,
    message:
      'Doğrulama tipi (verificationType), işlem başlatma isteğinde belirtilenle uyuşmamaktadır.',
  },
  H1065: {
    status: 400,
    message:
      'İstekte verilen doğrulama tipi (verificationType) form tipi ile uyuşmamaktadır. Form tipi: {SHORTURL | OTP | APPROVALURL}',
  },
  H1066: {
    status: 400,
    message: 'İstekte verilen ETK izni EPOSTA tipi için yalnızca bir adet olmalıdır.',
  },
  H1067: {
    status: 409,
    message: 'Daha önceden kullanılmamış bir hash link için işlem yapılmalıdır.',
  },
  H1068: { status: 500, message: 'Approval Url servisi ile bağlantı sağlanamadı.' },
  H1069: { status: 400, message: 'Girilen hash url geçerli değildir.' },
  H1070: { status: 500, message: 'Sunucuya Esas veri kaydedilemedi.' },
  H1072: {
    status: 400,
    message: 'Verilen işlem id ve iysCode için sistemde doküman bilgisi bulunamadı.',
  },
  H1073: { status: 500, message: 'Dosya yönetim servisinden veri alınırken hata oluştu.' },
  H1074: { status: 400, message: 'Belirtilen hashId için saat içinde işlem yapılmamıştır.' },
  H1075: { status: 500, message: 'Mesaj Ret isteği kaydedilirken beklenmedik bir hata oluştu.' },
  H1076: { status: 400, message: 'Verilen işlem id ile ilgili izin sistemde bulunamadı.' },
  H1077: { status: 500, message: 'Hash ID üretilirken beklenmedik bir hata oluştu.' },
  H1079: {
    status: 400,
    message:
      'İzin durumu (status) güncellemesi için farklı bir durum girilmelidir. İzin durumu: RET.',
  },
  H1080: {
    status: 400,
    message: 'İlk defa kaydedilen bir iznin durum (status) bilgisi RET olmamalıdır.',
  },
  H1081: {
    status: 400,
    message: 'Farklı izin kaynağı (source) kullanarak bir izin güncellenemez.',
  },
  H1082: {
    status: 400,
    message: 'Sistemdeki iznin tarihinden önceki tarihli izinlerle güncelleme yapılamaz.',
  },
  H1083: { status: 400, message: 'Güncellenmesi beklenen izin sistemde bulunamadı.' },
  H1084: { status: 400, message: 'Alıcı (recipient) sistemde bulunamadı.' },
  H1085: {
    status: 400,
    message:
      'Geçersiz izin tipi: {invalidType}. Lütfen geçerli izin tiplerini kullanın: {EPOSTA,ARAMA vb.}',
  },
  H1086: {
    status: 400,
    message:
      "Girdiğiniz '{EPOSTA}' izin tipi, doğrulama tipi 'SMS_SHORTURL' ile uyuşmamaktadır. Uyuşan geçerli değerler: [MESAJ, ARAMA]",
  },
  H1087: { status: 400, message: 'Hash ID eksik veya geçersiz.' },
  H1088: { status: 400, message: "Geçersiz sayfa numarası. Sayfa numarası 0'dan büyük olmalıdır." },
  H1089: { status: 400, message: "Geçersiz boyut numarası. Boyut 0'dan büyük olmalıdır." },
  H1090: { status: 400, message: 'JSON verisinde eksik alanlar: {{fieldName}}' },
  H1091: { status: 400, message: 'JSON maksimum derinliği aşıldı' },
  H1092: { status: 400, message: 'Abonelik paketi durumu aktif olmalıdır.' },
  H1093: { status: 400, message: 'IYS numarası ile abonelik bulunamadı.' },
  H1094: { status: 400, message: '{{fieldName}} alanının tipi geçersiz.' },
  H1095: { status: 400, message: 'Beklenmeyen alan: {{fieldName}}' },
  H1096: { status: 400, message: 'Girdiğiniz TC kimlik numarası: formata uygun değildir.' },
  H1097: { status: 409, message: 'Tekil olmayan bir değer girilmiştir.' },
  H1104: { status: 404, message: 'Kullanıcıda VIA yetkisi bulunmamaktadır!' },
  H1105: { status: 400, message: 'Verilen hashId geçersizdir:' },
  H1107: { status: 404, message: 'Geçersiz template id!' },
  H1110: {
    status: 400,
    message:
      'OTP kod süreciniz bu işlem için tamamlanmıştır. Farklı bir süreç için yeniden başlatın.',
  },
  H1111: { status: 400, message: 'Bu bağlantı ile daha önce işlem gerçekleştirilmiştir.' },
  H1112: { status: 404, message: 'İlgili requeste ait request detayı bulunamadı!' },
  H1113: { status: 404, message: 'İlgili requeste ait otp kod bulunamadı!' },
} as const satisfies Record<string, IysErrorInfo>;

/** A code İYS documents. */
export type IysErrorCode = keyof typeof IYS_ERRORS;

/** Rows the table lists more than once under the same code (the first one is in `IYS_ERRORS`). */
export const IYS_ERROR_DUPLICATES: readonly {
  code: IysErrorCode;
  status: number;
  message: string;
}[] = [
  { code: 'H1005', status: 404, message: 'oid bulunamadı' },
  { code: 'H1005', status: 404, message: 'details bulunamadı' },
];
