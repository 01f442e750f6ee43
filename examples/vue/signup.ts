// A Vue 3 signup form with <izinli-consent>: the element sits inside the form, the submit handler
// reads the capture id from the form data (the element is a form control), and the site's backend
// keeps it with the new account. Built and run in Chromium by test/e2e/frameworks.test.ts.
//
// The template is compiled in the browser here (vue/dist/vue.esm-bundler.js) to keep the component
// one file; in a single-file component the template is the same, and `isCustomElement` goes to
// the compiler's options instead (vite: `vue({ template: { compilerOptions: { isCustomElement } } })`).
import { createApp, defineComponent, ref } from 'vue';
// Registers <izinli-consent> (the module build, bundled with the app).
import '@izinli/widget';
// Types <izinli-consent> in templates (Volar).
import type {} from '@izinli/widget/vue';
import type { IzinliCapturedEvent } from '@izinli/widget';
import { postSignup } from '../common/signup-api';
import type { Account } from '../common/signup-api';

export const SignupForm = defineComponent({
  props: { endpoint: { type: String, required: true }, site: { type: String, required: true } },
  setup() {
    const account = ref<Account>();
    const receipt = ref<string>();
    // `.prevent` keeps the page; the element still sees the submit event and sends the capture.
    async function signup(event: SubmitEvent) {
      account.value = await postSignup(new FormData(event.target as HTMLFormElement));
    }
    const captured = (event: IzinliCapturedEvent) => (receipt.value = event.receipt);
    return { account, receipt, signup, captured };
  },
  // The form stays (hidden) after the signup, so the element can still report the capture's
  // answer: it may come after the site's own.
  template: `
    <p v-if="account" id="account">
      Hesabınız açıldı: <span id="account-id">{{ account.accountId }}</span>, izin kaydı
      <span id="capture-id">{{ account.captureId }}</span>
    </p>
    <p v-if="receipt" id="receipt">İzinleriniz kaydedildi (imzalı makbuz alındı).</p>
    <form :hidden="!!account" @submit.prevent="signup">
      <label>Ad soyad <input name="adSoyad" autocomplete="name" required /></label>
      <label>Telefon <input name="telefon" type="tel" autocomplete="tel" /></label>
      <izinli-consent
        name="izinliCaptureId"
        :site="site"
        :endpoint="endpoint"
        name-field="adSoyad"
        phone-field="telefon"
        @izinli-captured="captured"
      ></izinli-consent>
      <button>Üye ol</button>
    </form>`,
});

const root = document.getElementById('signup');
if (root) {
  const app = createApp(SignupForm, {
    endpoint: root.dataset.endpoint ?? '',
    site: root.dataset.site ?? '',
  });
  // Tell Vue's template compiler that <izinli-consent> is a custom element, not a Vue component.
  app.config.compilerOptions.isCustomElement = (tag) => tag === 'izinli-consent';
  app.mount(root);
}
