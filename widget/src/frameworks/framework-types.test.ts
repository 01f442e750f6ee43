// The React 19 and Vue 3 types of <izinli-consent>: what a template may write and what it may not.
// The assertions are types, so `tsc -b` (npm test's typecheck) is what fails on a regression; the
// run-time test checks the package exports them where the README says.
import { existsSync, readFileSync } from 'node:fs';
import type { JSX } from 'react';
import type { GlobalComponents } from 'vue';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { IzinliCapturedEvent } from '../events/izinli-captured-event.js';
import type {} from './react.js';
import type {} from './vue.js';

type ReactProps = JSX.IntrinsicElements['izinli-consent'];
type VueProps = InstanceType<GlobalComponents['izinli-consent']>['$props'];

describe('framework types of <izinli-consent>', () => {
  it('React 19: IntrinsicElements has the attributes, typed events and the element ref', () => {
    const props: ReactProps = {
      site: 'ornek-kitabevi-demo-0001',
      endpoint: 'https://izinli.example.com',
      name: 'izinliCaptureId',
      'name-field': 'adSoyad',
      'phone-field': 'telefon',
      'recipient-type': 'TACIR',
      'onizinli-captured': (event) => expectTypeOf(event.captureId).toEqualTypeOf<string>(),
      'onizinli-error': (event) => expectTypeOf(event.final).toEqualTypeOf<boolean>(),
      className: 'uye-ol',
    };
    expectTypeOf(props['onizinli-captured']).parameter(0).toEqualTypeOf<IzinliCapturedEvent>();
    // @ts-expect-error site is required
    const noSite: ReactProps = { endpoint: 'https://izinli.example.com' };
    // @ts-expect-error İYS knows BIREYSEL and TACIR only
    const badType: ReactProps = { site: 'x', 'recipient-type': 'KISI' };
    expect([props.site, noSite.endpoint, badType.site]).toHaveLength(3);
  });

  it('Vue 3: GlobalComponents has the attributes and the events as on… props', () => {
    const props: VueProps = {
      site: 'ornek-kitabevi-demo-0001',
      'email-field': 'eposta',
      onIzinliCaptured: (event) => expectTypeOf(event.receipt).toEqualTypeOf<string>(),
    };
    // @ts-expect-error İYS knows BIREYSEL and TACIR only
    const badType: VueProps = { site: 'x', 'recipient-type': 'KISI' };
    // @ts-expect-error a captured event carries no `code`
    const badHandler: VueProps = { site: 'x', onIzinliCaptured: (event) => event.code };
    expect([props.site, badType.site, badHandler.site]).toHaveLength(3);
  });

  it('the package exports both as types entry points that the build writes', () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as {
      exports: Record<string, { types?: string }>;
    };
    for (const entry of ['./react', './vue']) {
      const types = pkg.exports[entry]?.types;
      expect(types, entry).toMatch(/^\.\/dist\/types\/frameworks\/\w+\.d\.ts$/);
      expect(existsSync(new URL(`../../${types!}`, import.meta.url)), types).toBe(true);
    }
  });
});
