import { IzinliConsent } from './izinli-consent.js';

/** The element's tag name. */
export const TAG_NAME = 'izinli-consent';

/**
 * Registers `<izinli-consent>` unless the name is taken. A page that loads the script twice (two
 * plugins, a theme and a tag manager) keeps the first copy and gets a warning naming both
 * versions instead of a `NotSupportedError`. Returns true when this copy was registered.
 */
export function defineIzinliConsent(registry: CustomElementRegistry = customElements): boolean {
  const existing = registry.get(TAG_NAME) as { version?: string } | undefined;
  if (!existing) {
    registry.define(TAG_NAME, IzinliConsent);
    return true;
  }
  if (existing !== IzinliConsent) {
    console.warn(
      `izinli: <${TAG_NAME}> is already defined by izinli ${existing.version ?? '(unknown)'}; ` +
        `this copy (${IzinliConsent.version}) is unused.`,
    );
  }
  return false;
}
