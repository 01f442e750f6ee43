// Template types of <izinli-consent> for Vue 3: `import type {} from '@izinli/widget/vue';` once
// in the app, and Volar (vue-tsc, the Vue editor extension) checks `<izinli-consent site="…"
// @izinli-captured="…">`. Vue's compiler must also be told the tag is a custom element
// (`compilerOptions.isCustomElement`), else it looks for a Vue component of that name.
import type { DefineComponent } from 'vue';
import type { IzinliConsentAttributes, IzinliConsentEvents } from './attributes.js';

export type { IzinliConsentAttributes, IzinliConsentEvents } from './attributes.js';

/** `@izinli-captured` in a template is the prop `onIzinliCaptured`. */
export interface IzinliConsentVueListeners {
  onIzinliCaptured?: (event: IzinliConsentEvents['izinli-captured']) => void;
  onIzinliError?: (event: IzinliConsentEvents['izinli-error']) => void;
  onIzinliChange?: (event: IzinliConsentEvents['izinli-change']) => void;
}

/** The props of `<izinli-consent>` in a Vue template. */
export type IzinliConsentVueProps = IzinliConsentAttributes & IzinliConsentVueListeners;

/** The element as Vue's GlobalComponents lists it. */
export type IzinliConsentVueComponent = DefineComponent<IzinliConsentVueProps>;

declare module 'vue' {
  interface GlobalComponents {
    'izinli-consent': IzinliConsentVueComponent;
  }
}
