// Which configured webhook targets an event goes to: the targets of the tenant that owns the
// event's site, filtered by each target's `events` (all events when it has none).
import type { WebhookTarget } from '@izinli/core';
import type { LoadedConfig } from '../config/load-config.js';
import type { WebhookEvent } from '../store/store.js';
import type { WebhookTargetRef } from '../store/ports/webhook-store.js';

/** The targets of `event` (none for a site no longer configured). */
export function webhookTargetsOf(config: LoadedConfig, event: WebhookEvent): WebhookTargetRef[] {
  const owner = config.sites.get(event.siteKey);
  if (!owner) return [];
  return owner.tenant.webhooks
    .filter((hook) => hook.events === undefined || (hook.events as string[]).includes(event.type))
    .map((hook) => ({ tenantId: owner.tenant.id, webhookId: hook.id }));
}

/** A configured target with its secret, or undefined once it left the config. */
export function findWebhookTarget(
  config: LoadedConfig,
  ref: WebhookTargetRef,
): { target: WebhookTarget; secret: string } | undefined {
  const tenant = config.config.tenants.find((t) => t.id === ref.tenantId);
  const target = tenant?.webhooks.find((w) => w.id === ref.webhookId);
  const secret = config.webhookSecrets.get(`${ref.tenantId}/${ref.webhookId}`);
  return target && secret ? { target, secret } : undefined;
}
