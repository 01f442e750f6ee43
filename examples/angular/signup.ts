// An Angular signup form with <izinli-consent>: the element sits inside the form, the submit
// handler reads the capture id from the form data (the element is a form control), and the site's
// backend keeps it with the new account. Compiled ahead of time with ngc, bundled and run in
// Chromium by test/e2e/frameworks.test.ts.
import { Component, CUSTOM_ELEMENTS_SCHEMA, ElementRef, inject, signal } from '@angular/core';
import { provideZonelessChangeDetection } from '@angular/core';
import { HttpClient, provideHttpClient } from '@angular/common/http';
import { createApplication } from '@angular/platform-browser';
// Registers <izinli-consent> (the module build, bundled with the app); its event's class.
import { IzinliCapturedEvent } from '@izinli/widget';

interface Account {
  accountId: string;
  captureId: string;
}

@Component({
  selector: 'app-signup',
  // Without the schema Angular refuses <izinli-consent>, its attributes and its events.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  // The form stays (hidden) after the signup, so the element can still report the capture's
  // answer: it may come after the site's own.
  template: `
    @if (account(); as account) {
      <p id="account">
        Hesabınız açıldı: <span id="account-id">{{ account.accountId }}</span>, izin kaydı
        <span id="capture-id">{{ account.captureId }}</span>
      </p>
    }
    @if (receipt()) {
      <p id="receipt">İzinleriniz kaydedildi (imzalı makbuz alındı).</p>
    }
    <form #form [hidden]="account() !== undefined" (submit)="signup($event, form)">
      <label>Ad soyad <input name="adSoyad" autocomplete="name" required /></label>
      <label>Telefon <input name="telefon" type="tel" autocomplete="tel" /></label>
      <izinli-consent
        name="izinliCaptureId"
        [site]="site"
        [endpoint]="endpoint"
        name-field="adSoyad"
        phone-field="telefon"
        (izinli-captured)="captured($event)"
      ></izinli-consent>
      <button>Üye ol</button>
    </form>
  `,
})
export class SignupComponent {
  readonly #http = inject(HttpClient);
  readonly #host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  readonly endpoint = this.#host.dataset['endpoint'] ?? '';
  readonly site = this.#host.dataset['site'] ?? '';
  readonly account = signal<Account | undefined>(undefined);
  readonly receipt = signal<string | undefined>(undefined);

  // preventDefault() keeps the page; the event still bubbles to the document, where the element
  // sends the capture alongside.
  signup(event: SubmitEvent, form: HTMLFormElement) {
    event.preventDefault();
    const data = new FormData(form);
    this.#http
      .post<Account>('/api/signup', {
        fullName: data.get('adSoyad'),
        phone: data.get('telefon'),
        // '' when the widget could not load: the signup goes on without a consent record.
        izinliCaptureId: data.get('izinliCaptureId') || null,
      })
      .subscribe((account) => this.account.set(account));
  }

  // Angular types the event of an element it does not know as a plain Event.
  captured(event: Event) {
    if (event instanceof IzinliCapturedEvent) this.receipt.set(event.receipt);
  }
}

const root = document.getElementById('signup');
if (root) {
  // The page's own element hosts the component (bootstrapApplication would look it up by the
  // component's selector instead).
  const app = await createApplication({
    providers: [provideZonelessChangeDetection(), provideHttpClient()],
  });
  app.bootstrap(SignupComponent, root);
}
