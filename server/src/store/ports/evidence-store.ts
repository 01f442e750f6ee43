// The evidence-file port (A19): scans and recordings kept content-addressed by SHA-256 per tenant,
// beside the records that name them. SQLite keeps the bytes as files under the data directory
// (mode 0600) with a row each; PostgreSQL keeps them in the database, so every instance sees them.

/** What is known of a stored evidence file besides its bytes. */
export interface EvidenceFileMeta {
  tenantId: string;
  /** SHA-256 (hex) of the bytes: the file's address. */
  sha256: string;
  /** The media type found in the bytes (never the uploader's word). */
  mediaType: string;
  size: number;
  /** ISO instant it was first stored. */
  storedAt: string;
}

/** A file to store: its address must be the SHA-256 of `bytes` (the caller computed it). */
export interface EvidenceFilePut {
  tenantId: string;
  sha256: string;
  mediaType: string;
  bytes: Uint8Array;
  storedAt: string;
  /** Most bytes the tenant may hold in all; the file is refused when it would pass it. */
  quotaBytes: number;
}

/** What a put did: stored, already there (same tenant, same bytes), or refused by the quota. */
export type EvidenceFilePutResult =
  { kind: 'stored' | 'existing'; file: EvidenceFileMeta } | { kind: 'quota'; usedBytes: number };

/** Evidence files by tenant and SHA-256. */
export interface EvidenceStore {
  /** Stores a file once per tenant and hash, within the tenant's quota. */
  putEvidenceFile(put: EvidenceFilePut): Promise<EvidenceFilePutResult>;
  /** The stored files among `sha256s` of a tenant, by hash (absent when not stored). */
  evidenceFilesMeta(
    tenantId: string,
    sha256s: readonly string[],
  ): Promise<Map<string, EvidenceFileMeta>>;
  /** A stored file with its bytes, or undefined. */
  evidenceFile(
    tenantId: string,
    sha256: string,
  ): Promise<(EvidenceFileMeta & { bytes: Uint8Array }) | undefined>;
  /** Bytes the tenant's evidence files take in all. */
  evidenceUsage(tenantId: string): Promise<number>;
  /**
   * The hashes among `sha256s` that a record not yet purged still names (a sign-up sheet scanned
   * once for many people): retention keeps those files.
   */
  evidenceInUse(sha256s: readonly string[]): Promise<Set<string>>;
  /** Deletes the tenant's files among `sha256s` (retention, A14); answers how many went. */
  deleteEvidenceFiles(tenantId: string, sha256s: readonly string[]): Promise<number>;
}
