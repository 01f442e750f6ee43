// A webhook target's secret: valid when Standard Webhooks can sign with it. The config check
// refuses one that is not; the webhook worker signs each delivery with its signer.
import { Webhook } from 'standardwebhooks';

/** A signer for a `whsec_…` secret, or undefined when the secret is not valid base64. */
export function webhookSigner(secret: string): Webhook | undefined {
  try {
    return new Webhook(secret);
  } catch {
    return undefined;
  }
}
