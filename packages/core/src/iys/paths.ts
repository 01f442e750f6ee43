import type { Channel, RecipientType } from '../enums.js';

/** Which generation of an endpoint: v2 add calls return the same transactionId for an identical replay. */
export type IysApiVersion = 'v1' | 'v2';

const brandBase = (iysCode: number, brandCode: number, version: IysApiVersion = 'v1') =>
  `${version === 'v2' ? '/v2' : ''}/sps/${iysCode}/brands/${brandCode}`;

/** İYS's request paths (relative to the base URL), so the client and the simulator cannot drift apart. */
export const iysPaths = {
  token: () => '/oauth2/token',
  brands: (iysCode: number) => `/sps/${iysCode}/brands`,
  addConsent: (iysCode: number, brandCode: number, version: IysApiVersion = 'v1') =>
    `${brandBase(iysCode, brandCode, version)}/consents`,
  addBatch: (iysCode: number, brandCode: number, version: IysApiVersion = 'v1') =>
    `${brandBase(iysCode, brandCode, version)}/consents/request`,
  batchStatus: (
    iysCode: number,
    brandCode: number,
    requestId: string,
    version: IysApiVersion = 'v1',
  ) =>
    `${brandBase(iysCode, brandCode, version)}/consents/request/${encodeURIComponent(requestId)}`,
  status: (iysCode: number, brandCode: number) =>
    `${brandBase(iysCode, brandCode)}/consents/status`,
  multiStatus: (iysCode: number, brandCode: number, recipientType: RecipientType, type: Channel) =>
    `${brandBase(iysCode, brandCode)}/consents/${recipientType}/status/${type}`,
  history: (iysCode: number, brandCode: number) =>
    `${brandBase(iysCode, brandCode)}/consents/history`,
  changes: (iysCode: number, brandCode: number) =>
    `${brandBase(iysCode, brandCode)}/consents/changes`,
  pushRegistration: (iysCode: number, brandCode: number) =>
    `${brandBase(iysCode, brandCode)}/push/registration`,
  pushUnregistration: (iysCode: number, brandCode: number) =>
    `${brandBase(iysCode, brandCode)}/push/unregistration`,
} as const;

/** İYS's base URLs. */
export const IYS_BASE_URLS = {
  sandbox: 'https://api.sandbox.iys.org.tr',
  live: 'https://api.iys.org.tr',
} as const;
