// @izinli/client: the typed client of an izinli server.
export { createIzinliClient, dataOf, IzinliApiError } from './client.js';
export type { IzinliClient, IzinliClientOptions, Schemas } from './client.js';
export { checkRecipient } from './check.js';
export type { CheckAnswer, CheckRecipientOptions, Channel, RecipientType } from './check.js';
export { CHECK_BATCH_MAX, checkCampaign } from './campaign-check.js';
export type {
  CampaignCheck,
  CampaignCheckOptions,
  CampaignProgress,
  InvalidRecipient,
  RefusedRecipient,
} from './campaign-check.js';
export { verifyWebhook, WebhookVerificationError } from './webhook.js';
export type {
  DocumentedWebhookEvent,
  IzinliWebhookEvent,
  OtherWebhookEventType,
  WebhookHeaders,
} from './webhook.js';
export type { components, operations, paths, webhooks } from './openapi-types.js';
