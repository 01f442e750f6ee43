// When an RFC 3161 time stamp response says its TSA stamped the data: the chained `iys-day`
// record names it beside the response's hash (docs/iys.md#the-day-in-the-chain), and the log
// verifier checks a carried response against it. Its signature is checked elsewhere, with the
// TSA's certificate (reconciliation/verify-timestamp.ts).
import * as pkijs from 'pkijs';

const arrayBuffer = (data: Uint8Array): ArrayBuffer =>
  data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;

/**
 * The TSTInfo genTime of a response carrying a token, read without verifying it; undefined for
 * bytes that are not such a response.
 */
export function timestampGenTime(tsr: Uint8Array): Date | undefined {
  try {
    const response = pkijs.TimeStampResp.fromBER(arrayBuffer(tsr));
    if (!response.timeStampToken) return undefined;
    const signed = new pkijs.SignedData({ schema: response.timeStampToken.content });
    const content = signed.encapContentInfo.eContent;
    return content ? pkijs.TSTInfo.fromBER(content.getValue()).genTime : undefined;
  } catch {
    return undefined;
  }
}
