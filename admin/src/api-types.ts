// The shapes of the admin API's answers the console reads (server/README.md "HTTP API";
// /openapi.json is the full description).

export type Channel = 'MESAJ' | 'ARAMA' | 'EPOSTA';
export const CHANNELS: readonly Channel[] = ['MESAJ', 'ARAMA', 'EPOSTA'];
export type MovementState = 'pending' | 'in-flight' | 'delivered' | 'already-current' | 'dead';
export const MOVEMENT_STATES: readonly MovementState[] = [
  'pending',
  'in-flight',
  'delivered',
  'already-current',
  'dead',
];

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface CaptureSummary {
  captureId: string;
  siteKey: string;
  seq: number;
  receivedAt: string;
  recordHash: string;
  kind?: 'capture' | 'withdrawal';
  channels?: { type: Channel; checked: boolean; status?: 'ONAY' | 'RET' }[];
  purposes?: { id: string; granted: boolean }[];
  purgedAt?: string;
}

export interface Movement {
  id: string;
  captureId: string;
  siteKey: string;
  brandCode: number;
  type: Channel;
  recipient: string;
  status: 'ONAY' | 'RET';
  consentDate: string;
  state: MovementState;
  attempts: number;
  deadline: string;
  transactionId?: string;
  creationDate?: string;
  lastError?: { code: string; message: string };
}

export interface DeliveryStats {
  byState: Record<MovementState, number>;
  nearDeadline: number;
  oldestPending?: string;
}

export interface SyncState {
  syncing: boolean;
  lastSyncAt?: string;
  brands: {
    iysCode: number;
    brandCode: number;
    siteKeys: string[];
    cursor?: string;
    cursorAt?: string;
    cursorAgeSeconds?: number;
    lastPull?: { received: number; changed: number; error?: { kind: string; code?: string } };
  }[];
}

export interface Timeline {
  recipient: { phone?: string; email?: string };
  current: {
    key: string;
    brandCode: number;
    type: Channel;
    intended: 'ONAY' | 'RET';
    delivery: MovementState;
    iys?: { status: 'ONAY' | 'RET'; consentDate: string; source: string };
  }[];
  events: {
    at: string;
    siteKey: string;
    captureId: string;
    seq: number;
    kind?: 'capture' | 'withdrawal';
    consentDate?: string;
    channels?: { type: Channel; checked: boolean; status?: string }[];
    purposes?: { id: string; granted: boolean }[];
    movements: { id: string; type: Channel; status: string; state: MovementState }[];
    purgedAt?: string;
  }[];
}

export interface CheckAnswer {
  allowed: boolean;
  status: 'ONAY' | 'RET' | null;
  source: string | null;
  since?: string | null;
}

export interface Jwks {
  keys: { kid: string; kty: string; crv?: string; alg?: string }[];
}

export interface Checkpoint {
  siteKey: string;
  seq: number;
  hash: string;
  signedAt: string;
  jws: string;
}

export interface LogVerification {
  ok: boolean;
  verifiedAt: string;
  sites: { siteKey: string; records: number; purged: number; checkpoints: number }[];
  problems: { code: string; message: string }[];
}

/** GET /v1/admin/origins/refused: pages refused for their origin in the last 24 hours. */
export interface RefusedOrigin {
  siteKey: string;
  origin: string;
  count: number;
  lastAt: string;
}
