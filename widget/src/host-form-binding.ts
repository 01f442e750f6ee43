/** What the element answers when its host form is used. */
export interface HostFormClient {
  /** Before any of the host's own submit listeners run: settle the form value (the capture id). */
  beforeSubmit(): void;
  /** The form is being submitted: the capture's delivery, or undefined when nothing is captured. */
  submitted(): Promise<unknown> | undefined;
  /** A field of the host form changed. */
  fieldsChanged(): void;
  /** How long a native submission may wait for the capture, in milliseconds. */
  readonly submitWait: number;
}

/**
 * Listens to the host form. A submission the page handles itself (its listener called
 * `preventDefault`, as single-page apps do) is left alone while the capture is sent. A native
 * submission is held until the capture is stored and sent or `submitWait` has passed, then
 * repeated with `requestSubmit(submitter)`, so the submit button's name and `formaction` still
 * count; the repeat is hidden from the page's listeners so they see one submission.
 */
export class HostFormBinding {
  #form: HTMLFormElement | null = null;
  #root: Node | null = null;
  #resubmitting = false;
  #holding = false;
  readonly #client: HostFormClient;

  constructor(client: HostFormClient) {
    this.#client = client;
  }

  /**
   * Follows `form` (the element's form owner), or nothing. Called again when the element is
   * connected: a framework (React) builds the form detached and inserts it whole, so the root the
   * form lives in is known only then.
   */
  attach(form: HTMLFormElement | null): void {
    if (form === this.#form && form?.getRootNode() === this.#root) return;
    this.detach();
    if (!form) return;
    this.#form = form;
    // `submit` does not cross shadow roots, so listen where the form lives.
    this.#root = form.getRootNode();
    this.#root.addEventListener('submit', this.#capturing, true);
    this.#root.addEventListener('submit', this.#bubbling);
    form.addEventListener('input', this.#changed);
    form.addEventListener('change', this.#changed);
  }

  detach(): void {
    this.#root?.removeEventListener('submit', this.#capturing, true);
    this.#root?.removeEventListener('submit', this.#bubbling);
    this.#form?.removeEventListener('input', this.#changed);
    this.#form?.removeEventListener('change', this.#changed);
    this.#form = this.#root = null;
  }

  #changed = (): void => this.#client.fieldsChanged();

  #capturing = (event: Event): void => {
    if (event.target !== this.#form) return;
    if (this.#resubmitting) event.stopImmediatePropagation();
    else this.#client.beforeSubmit();
  };

  #bubbling = (event: Event): void => {
    const form = this.#form;
    if (!form || event.target !== form || this.#resubmitting) return;
    // A second click while the first submission is held must not submit twice.
    if (this.#holding) return event.preventDefault();
    const delivery = this.#client.submitted();
    if (!delivery || event.defaultPrevented) return;
    event.preventDefault();
    this.#holding = true;
    const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
    const waited = new Promise((resolve) => setTimeout(resolve, this.#client.submitWait));
    void Promise.race([delivery.catch(() => undefined), waited]).then(() => {
      this.#holding = false;
      this.#resubmitting = true;
      try {
        form.requestSubmit(submitter?.form === form ? submitter : null);
      } finally {
        this.#resubmitting = false;
      }
    });
  };
}
