/// <reference types="mocha" />
// Helpers for the browser tests: a private namespace on the fake server
// (test-support/fake-izinli-server.js), a form with the element, polling instead of sleeping.
// axe.js is a classic script: as a module it still sets `window.axe`.
import 'axe-core';
import type AxeCore from 'axe-core';
import { createStore } from 'idb-keyval';
import type { UseStore } from 'idb-keyval';
import { CaptureOutbox } from './capture-outbox.js';
import type { OutboxOptions } from './capture-outbox.js';
import { defineIzinliConsent } from './define.js';
import type { IzinliCapturedEvent } from './events/izinli-captured-event.js';
import type { IzinliErrorEvent } from './events/izinli-error-event.js';
import { fakeClock } from './fake-clock.test-support.js';
import type { FakeClock } from './fake-clock.test-support.js';
import type { IzinliConsent } from './izinli-consent.js';

defineIzinliConsent();

/** The example site of @izinli/core's fixtures. */
export const SITE = 'ornek-kitabevi-demo-0001';
/** The same site offering Turkish only. */
export const TURKISH_ONLY_SITE = 'ornek-yalniz-turkce-0001';
/** The same site verifying MESAJ by a code and EPOSTA by a link; its codes are FAKE_CODE. */
export const [VERIFYING_SITE, FAKE_CODE] = ['ornek-dogrulamali-0001', '246810'];

/** One POST the fake server received, with the status it answered (0: connection dropped). */
export interface Post {
  id: string;
  answer: string;
  status: number;
  body: Record<string, unknown> & {
    person: Record<string, string>;
    channels: Record<string, boolean>;
    purposes: Record<string, boolean>;
    notices: { id: string; version: number; sha256: string }[];
    verifications?: string[];
  };
  problems: unknown[];
}

let sessions = 0;

/** For a describe block: the page the element lives in is a Turkish signup page. */
export function onTurkishSignupPage(): void {
  before(() => {
    document.title = 'Üye ol';
    document.documentElement.lang = 'tr';
  });
}

/** A fake izinli server of the test's own: its endpoint, its answers, what it received. */
export function fakeServer(name = `s${Date.now().toString(36)}-${++sessions}`) {
  const control = async (path: string, init?: RequestInit) => {
    const response = await fetch(`/__test/${name}/${path}`, init);
    if (!response.ok) throw new Error(`fake server: ${path} answered ${response.status}`);
    return response.json() as Promise<unknown>;
  };
  return {
    endpoint: name === 'default' ? location.origin : `${location.origin}/t/${name}`,
    reset: () => control('reset', { method: 'POST' }),
    /**
     * Answers the next `times` captures (all, without it) with 503, 429, 422, a dropped
     * connection, or (`hold`) not until `release()`. A 503 says `Retry-After: 5` and a 429
     * `Retry-After: 30` unless `retryAfter` says otherwise (`none`: no header).
     */
    answer: (
      answer: 'ok' | '503' | '429' | '422' | 'drop' | 'hold',
      times?: number,
      retryAfter?: string,
    ) => {
      const query = new URLSearchParams({ with: answer });
      if (times) query.set('times', String(times));
      if (retryAfter) query.set('retryAfter', retryAfter);
      return control(`answer?${query}`, { method: 'POST' });
    },
    release: () => control('release', { method: 'POST' }),
    posts: () => control('posts') as Promise<Post[]>,
    /** Verification requests received: `path` (verifications, code, resend), `id`, `body`. */
    verificationPosts: () =>
      control('verifications') as Promise<{ path: string; id?: string; body?: unknown }[]>,
    /** Seconds after a send before a new code may be asked (30 unless set). */
    resendAfter: (s: number) => control(`resendSeconds?seconds=${s}`, { method: 'POST' }),
    /** Expires every code sent so far. */
    expire: () => control('expire', { method: 'POST' }),
  };
}

/**
 * The running test's fake server: one object, given a fresh namespace before each test, so no
 * test sees another's answers or posts.
 */
export const server = {} as ReturnType<typeof fakeServer>;
beforeEach(() => Object.assign(server, fakeServer()));

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/** Polls `condition` until it returns something truthy; fails naming `what` after `timeout` ms. */
export async function until<T>(
  condition: () => T | Promise<T>,
  what: string,
  timeout = 5000,
): Promise<Truthy<T>> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await condition();
    if (value) return value as Truthy<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let stores = 0;

/**
 * An outbox on an IndexedDB store of the test's own, on a fake clock: it retries on `online`, and
 * by timer only when the test moves the clock. Not started: `start()` is what a page load does.
 */
export function testOutbox(options: OutboxOptions = {}): {
  outbox: CaptureOutbox;
  store: UseStore;
  clock: FakeClock;
} {
  const store = options.store ?? createStore(`izinli-test-${Date.now()}-${++stores}`, 'outbox');
  const clock = fakeClock();
  const outbox = new CaptureOutbox({ now: clock.now, schedule: clock.schedule, ...options, store });
  return { outbox, store, clock };
}

/** A mounted signup form with the element, ready once the site config has rendered. */
export interface Mounted {
  form: HTMLFormElement;
  element: IzinliConsent;
  root: ShadowRoot;
  outbox: CaptureOutbox;
  store: UseStore;
  /** The outbox's clock; its retry timers run only when the test moves it. */
  clock: FakeClock;
  /** The rendered box of a channel or purpose. */
  box(key: string): HTMLInputElement;
  /** Sets a host field's value as typing would, firing `input`. */
  type(name: string, value: string): void;
}

const mounted: HTMLElement[] = [];
afterEach(() => mounted.splice(0).forEach((node) => node.remove()));

/**
 * Renders `<form>` with host fields and the element (attributes as given), waits for the config
 * to render, and gives the element an outbox of its own. `fields` is inner HTML before it.
 */
export async function mount(
  attributes: Record<string, string>,
  fields = `<label>Ad soyad <input name="adSoyad"></label>
    <label>Telefon <input name="telefon" type="tel"></label>
    <label>E-posta <input name="eposta" type="email"></label>`,
  options: OutboxOptions = {},
): Promise<Mounted> {
  const main = document.createElement('main');
  const attrs = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${value}"`)
    .join('');
  main.innerHTML = `<h1>Üye ol</h1><form action="/__test/echo" method="post">${fields}
    <izinli-consent name="izinli"${attrs}></izinli-consent>
    <button name="action" value="kaydol">Üye ol</button></form>`;
  document.body.append(main);
  mounted.push(main);
  const form = main.querySelector('form')!;
  const element = main.querySelector('izinli-consent')!;
  const { outbox, store, clock } = testOutbox(options);
  element.outbox = outbox.start();
  const root = element.shadowRoot!;
  await until(
    () =>
      root.querySelector('[part~=base]') ??
      root.querySelector('[part~=status]')?.textContent?.match(/yüklenemedi|could not/),
    'the element to render its site config',
  );
  await element.updateComplete;
  return {
    form,
    element,
    root,
    outbox,
    store,
    clock,
    box: (key) =>
      root.querySelector<HTMLInputElement>(`[data-channel="${key}"], [data-purpose="${key}"]`)!,
    type(name, value) {
      const input = form.elements.namedItem(name) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
  };
}

/**
 * `mount` of the example site's signup form, the element sending to `server` and naming the host
 * form's fields (HOST_FIELDS), plus `attributes`.
 */
export function mountSignup(
  server: { endpoint: string },
  attributes: Record<string, string> = {},
  options: OutboxOptions = {},
): Promise<Mounted> {
  return mount(
    { site: SITE, endpoint: server.endpoint, ...HOST_FIELDS, ...attributes },
    undefined,
    options,
  );
}

/** Clicks a box as a person would and waits for the element to re-render. */
export async function tick(m: Mounted, key: string): Promise<void> {
  m.box(key).click();
  await m.element.updateComplete;
}

/** The element's attributes naming the host form's fields that `mount` renders. */
export const HOST_FIELDS = {
  'name-field': 'adSoyad',
  'phone-field': 'telefon',
  'email-field': 'eposta',
};

/** Fills the host form and ticks boxes as a person signing up would. */
export async function signUp(m: Mounted, boxes: string[], fullName = 'Ayşe Yılmaz') {
  m.type('adSoyad', fullName);
  m.type('telefon', '0532 123 45 67');
  m.type('eposta', 'ayse.yilmaz@ornek.com.tr');
  for (const box of boxes) await tick(m, box);
}

interface Heard {
  'izinli-captured': IzinliCapturedEvent;
  'izinli-error': IzinliErrorEvent;
}
const listening: (() => void)[] = [];
afterEach(() => listening.splice(0).forEach((stop) => stop()));

/** The events of a type that reach the document during this test, as they arrive. */
export function heard<K extends keyof Heard>(type: K): Heard[K][] {
  const seen: Heard[K][] = [];
  const listener = (event: Event) => seen.push(event as Heard[K]);
  document.addEventListener(type, listener);
  listening.push(() => document.removeEventListener(type, listener));
  return seen;
}

/** Runs axe-core (all default rules) on the document and returns its violations, summarised. */
export async function axeViolations(): Promise<string[]> {
  const { axe } = window as unknown as { axe: typeof AxeCore };
  const results = await axe.run(document);
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

/** Signs up ticking `boxes`, submits in place, and returns the element's events from then on. */
export async function submitted(m: Mounted, boxes = ['MESAJ'], fullName?: string) {
  const errors = heard('izinli-error');
  const captured = heard('izinli-captured');
  await signUp(m, boxes, fullName);
  submitInPlace(m.form);
  return { errors, captured };
}

/** Submits the form as its button would, the host handling it itself (a single-page app). */
export function submitInPlace(form: HTMLFormElement): void {
  const stay = (event: Event) => event.preventDefault();
  form.addEventListener('submit', stay, { once: true });
  form.requestSubmit(form.querySelector('button'));
}
