// JSX types of <izinli-consent> for React 19: `import type {} from '@izinli/widget/react';` once
// in the app (a .d.ts or any module) and `<izinli-consent site="…">` type-checks. React 19 sets
// the element's properties and listens to its events itself: `onizinli-captured={…}` adds a
// listener for `izinli-captured`.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { IzinliConsent } from '../izinli-consent.js';
import type { IzinliConsentAttributes, IzinliConsentEvents } from './attributes.js';

export type { IzinliConsentAttributes, IzinliConsentEvents } from './attributes.js';

/** `on` + the event's name, as React 19 maps a custom element's props to listeners. */
export type IzinliConsentReactListeners = {
  [E in keyof IzinliConsentEvents as `on${E}`]?: (event: IzinliConsentEvents[E]) => void;
};

/** The props of `<izinli-consent>` in React 19's JSX. */
export type IzinliConsentReactProps = Omit<
  DetailedHTMLProps<HTMLAttributes<IzinliConsent>, IzinliConsent>,
  keyof IzinliConsentAttributes
> &
  IzinliConsentAttributes &
  IzinliConsentReactListeners;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React 19 declares JSX as a namespace of its module
  namespace JSX {
    interface IntrinsicElements {
      'izinli-consent': IzinliConsentReactProps;
    }
  }
}
