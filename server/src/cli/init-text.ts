// What `izinli init` says, in Turkish and English.
import type { Locale } from '@izinli/core';

export const INIT_TEXT = {
  tr: {
    exists: (file: string) =>
      `${file} zaten var: üzerine yazmak için --force ekleyin (metin dosyaları, metin sürümleri ve imza anahtarı korunur; yeni bir yönetici anahtarı üretilir)`,
    missing: (flags: string[]) =>
      `--yes ile şunlar da verilmelidir: ${flags.join(', ')} (ya da --yes olmadan çalıştırın; eksikler sorulur)`,
    ended: (question: string) =>
      `"${question}" sorusuna yanıt gelmeden girdi bitti; değerleri seçeneklerle verin (izinli init --help)`,
    badFlag: (flag: string, problem: string) => `${flag}: ${problem}`,
    ask: {
      siteKey:
        'Site anahtarı (sayfadaki etikette görünür, gizli değildir; boş bırakılırsa rastgele üretilir)',
      origins:
        'Formun bulunduğu sayfanın kaynağı (origin), ör. https://www.ornek.com.tr; birden fazlaysa virgülle ayırın',
      iysCode: 'İYS numaranız (İYS kodu)',
      brandCode: 'Marka kodu (ana markanız için İYS numarasıyla aynıdır)',
      iysUsername:
        'İYS API kullanıcı adı (boş bırakılırsa IYS_USERNAME ortam değişkeninden okunur)',
      iysPasswordEnv: 'İYS API parolasını tutan ortam değişkeninin adı',
      publicUrl: 'izinli sunucusunun herkese açık adresi',
    },
    problem: {
      siteKey: '16–128 karakter olmalı: A–Z, a–z, 0–9, _ ve -',
      origin: (value: string, suggestion?: string) =>
        `${value} tam bir kaynak (origin) değil: https://alan.adi[:port] biçiminde, yolsuz ve sonda / olmadan yazın (http:// yalnızca localhost için)${suggestion ? `; şunu mu demek istediniz: ${suggestion}` : ''}`,
      noOrigin: 'en az bir kaynak (origin) gerekli',
      code: 'pozitif bir tam sayı olmalı, ör. 123456',
      envName: 'büyük harf, rakam ve _ ile bir ortam değişkeni adı olmalı, ör. IYS_PASSWORD',
      empty: 'boş olmamalı',
      publicUrl:
        'http:// ya da https:// ile başlayan, soru işareti ve # içermeyen bir adres olmalı',
    },
    wrote: (what: string) => `  yazıldı: ${what}`,
    kept: (what: string) => `  korundu (zaten vardı): ${what}`,
    key: (kid: string, dir: string) => `  imza anahtarı: ${kid} (${dir})`,
    envKey: '  imza anahtarı: IZINLI_SIGNING_KEY tanımlı, sunucu onunla imzalar; anahtar yazılmadı',
    versions: (file: string) =>
      `  metin sürümleri: ${file} (yapılandırmayla birlikte sürüm denetimine ekleyin)`,
    token:
      'Yönetici erişim anahtarı (token; yalnızca şimdi gösterilir, güvenli bir yerde saklayın; yapılandırmada yalnızca SHA-256 özeti durur):',
    snippet: 'Formunuza yapıştırın:',
    noIntegrity: (reason: string) => `  (integrity özeti eklenmedi: ${reason})`,
    next: 'Sonra:',
    steps: (config: string, passwordEnv: string, usernameEnv: boolean, publicUrl: string) => [
      '  1. notices/ altındaki metinlerde [BÜYÜK HARFLİ] yerleri kendi bilgilerinizle doldurun ve metinleri hukukçunuza okutun.',
      `  2. İYS bilgilerini ortam değişkenlerine koyun: ${passwordEnv}=…${usernameEnv ? ' ve IYS_USERNAME=…' : ''}`,
      `  3. izinli config check --config ${config}`,
      `  4. PUBLIC_URL=${publicUrl} izinli start --config ${config}`,
    ],
  },
  en: {
    exists: (file: string) =>
      `${file} already exists: add --force to replace it (the text files, their versions and the signing key are kept; a new admin token is made)`,
    missing: (flags: string[]) =>
      `with --yes, also give ${flags.join(', ')} (or run without --yes to be asked)`,
    ended: (question: string) =>
      `the input ended before an answer to "${question}"; give the values as options (izinli init --help)`,
    badFlag: (flag: string, problem: string) => `${flag}: ${problem}`,
    ask: {
      siteKey: 'Site key (it is in the page’s tag, not a secret; empty for a random one)',
      origins:
        'Origin of the page with the form, e.g. https://www.ornek.com.tr; separate several with commas',
      iysCode: 'Your İYS number (İYS code)',
      brandCode: 'Brand code (your master brand’s equals the İYS number)',
      iysUsername: 'İYS API user name (empty: read from the IYS_USERNAME environment variable)',
      iysPasswordEnv: 'Name of the environment variable that holds the İYS API password',
      publicUrl: 'Public address of the izinli server',
    },
    problem: {
      siteKey: 'expected 16–128 characters: A–Z, a–z, 0–9, _ and -',
      origin: (value: string, suggestion?: string) =>
        `${value} is not an exact origin: expected https://host[:port], no path, no trailing slash (http:// only for localhost)${suggestion ? `; did you mean ${suggestion}?` : ''}`,
      noOrigin: 'expected at least one origin',
      code: 'expected a positive whole number, e.g. 123456',
      envName: 'expected an environment variable name: upper case, digits and _, e.g. IYS_PASSWORD',
      empty: 'expected a non-empty value',
      publicUrl: 'expected an http:// or https:// address with no ? or #',
    },
    wrote: (what: string) => `  wrote ${what}`,
    kept: (what: string) => `  kept ${what} (it was there)`,
    key: (kid: string, dir: string) => `  signing key ${kid} (${dir})`,
    envKey: '  signing key: IZINLI_SIGNING_KEY is set, the server signs with it; no key written',
    versions: (file: string) => `  notice versions in ${file} (commit it with the config)`,
    token: 'Admin token (shown only now; keep it safe, the config holds only its SHA-256):',
    snippet: 'Paste this into your form:',
    noIntegrity: (reason: string) => `  (no integrity hash: ${reason})`,
    next: 'Next:',
    steps: (config: string, passwordEnv: string, usernameEnv: boolean, publicUrl: string) => [
      '  1. Fill in every [BÜYÜK HARFLİ] blank of the texts in notices/ and have your lawyer read them.',
      `  2. Put the İYS credentials in the environment: ${passwordEnv}=…${usernameEnv ? ' and IYS_USERNAME=…' : ''}`,
      `  3. izinli config check --config ${config}`,
      `  4. PUBLIC_URL=${publicUrl} izinli start --config ${config}`,
    ],
  },
} satisfies Record<Locale, unknown>;

export type InitText = (typeof INIT_TEXT)[Locale];
