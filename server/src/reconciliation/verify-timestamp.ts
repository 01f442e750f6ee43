// Verifies an RFC 3161 time stamp response (İYS's .tsr of a day's file) over the file's bytes
// against a trusted TSA certificate, as `openssl ts -verify -in day.tsr -data day.csv -CAfile
// tsa.pem` does: the response was granted, its CMS signature verifies up to the certificate, and
// its message imprint is the hash of the file (docs/iys.md#reconciliation-mutabakat).
import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';

/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unnecessary-type-assertion --
   pkijs types Node's webcrypto apart from what it accepts at run time: the cast is the seam. */
type EngineCrypto = ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'];
const engine = new pkijs.CryptoEngine({
  name: 'node',
  crypto: webcrypto as unknown as EngineCrypto,
});

/** What a verified stamp says. */
export interface VerifiedTimestamp {
  /** When the TSA stamped the file. */
  genTime: Date;
  /** The token's serial number, hex. */
  serial: string;
  policy: string;
  /** The hash algorithm of the message imprint (OID). */
  hashAlgorithm: string;
}

export type TimestampCheck =
  { ok: true; value: VerifiedTimestamp } | { ok: false; problem: string };

const arrayBuffer = (data: Uint8Array): ArrayBuffer =>
  data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;

/** The certificates of a PEM file (or one DER certificate). */
export function certificatesOf(pemOrDer: Uint8Array): pkijs.Certificate[] {
  const text = Buffer.from(pemOrDer).toString('latin1');
  const blocks = [
    ...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g),
  ].map((m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
  const ders = blocks.length > 0 ? blocks : [Buffer.from(pemOrDer)];
  return ders.map((der) => pkijs.Certificate.fromBER(arrayBuffer(der)));
}

const der = (c: pkijs.Certificate) => Buffer.from(c.toSchema(true).toBER(false));

/**
 * Why the token's signature does not verify up to `ca`, or undefined when it does. A signer that
 * is itself one of the given certificates is trusted as it is (openssl trusts a self-signed TSA
 * certificate given with -CAfile, like the simulator's, which is no CA); any other signer needs a
 * chain up to them.
 */
async function signatureProblem(
  signed: pkijs.SignedData,
  data: Uint8Array,
  ca: readonly pkijs.Certificate[],
): Promise<string | undefined> {
  const params = { signer: 0, data: arrayBuffer(data), extendedMode: true as const };
  try {
    const direct = await signed.verify({ ...params, checkChain: false }, engine);
    if (!direct.signatureVerified) return direct.message || 'a signature that does not verify';
    const signer = direct.signerCertificate;
    if (signer && ca.some((c) => der(c).equals(der(signer)))) return undefined;
    const chained = await signed.verify(
      { ...params, checkChain: true, trustedCerts: [...ca] },
      engine,
    );
    return chained.signatureVerified && chained.signerCertificateVerified
      ? undefined
      : chained.message || 'a signer certificate that does not chain to it';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Checks `tsr` over `data` against the trusted certificates `ca`. */
export async function verifyTimestamp(
  tsr: Uint8Array,
  data: Uint8Array,
  ca: readonly pkijs.Certificate[],
): Promise<TimestampCheck> {
  let response: pkijs.TimeStampResp;
  try {
    response = pkijs.TimeStampResp.fromBER(arrayBuffer(tsr));
  } catch (error) {
    return { ok: false, problem: `expected an RFC 3161 time stamp response, got ${String(error)}` };
  }
  const status = response.status.status;
  // 0 granted, 1 granted with modifications; anything else carries no token.
  if (status !== pkijs.PKIStatus.granted && status !== pkijs.PKIStatus.grantedWithMods) {
    return { ok: false, problem: `expected a granted response (status 0 or 1), got ${status}` };
  }
  if (!response.timeStampToken) {
    return { ok: false, problem: 'expected a time stamp token in the response, got none' };
  }
  const signed = new pkijs.SignedData({ schema: response.timeStampToken.content });
  let tstInfo: pkijs.TSTInfo;
  try {
    const content = signed.encapContentInfo.eContent;
    if (!content) throw new Error('no encapsulated content');
    tstInfo = pkijs.TSTInfo.fromBER(content.getValue());
  } catch (error) {
    return { ok: false, problem: `expected TSTInfo in the token, got ${String(error)}` };
  }
  if (!(await tstInfo.verify({ data: arrayBuffer(data) }, engine))) {
    return {
      ok: false,
      problem: 'expected the stamp’s message imprint to be the hash of the data file, got another',
    };
  }
  const problem = await signatureProblem(signed, data, ca);
  if (problem !== undefined) {
    return {
      ok: false,
      problem: `expected a signature that verifies up to the given certificate, got ${problem}`,
    };
  }
  const serial = Buffer.from(tstInfo.serialNumber.valueBlock.valueHexView).toString('hex');
  return {
    ok: true,
    value: {
      genTime: tstInfo.genTime,
      serial,
      policy: tstInfo.policy,
      hashAlgorithm: tstInfo.messageImprint.hashAlgorithm.algorithmId,
    },
  };
}
