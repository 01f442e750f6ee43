/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unnecessary-type-assertion, @typescript-eslint/no-unsafe-class-instance-assignment --
   pkijs and asn1js type Node's webcrypto and their own string classes apart from what they accept
   at run time; the casts here are the seams, and the openssl test proves the result. */
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * The simulator's time-stamping authority: a self-signed RSA certificate whose only extended key
 * use is time stamping (critical), as `openssl ts -verify` demands of a TSA, and the key it signs
 * RFC 3161 responses with. One per process: key generation costs tens of milliseconds, and every
 * simulator in a test run can share it.
 */
interface Tsa {
  certificate: pkijs.Certificate;
  der: Uint8Array;
  privateKey: SigningKey;
}

/** pkijs's name for a WebCrypto key (Node's `webcrypto.CryptoKey` at run time). */
type SigningKey = Parameters<pkijs.Certificate['sign']>[0];
type EngineCrypto = ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'];

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  country: '2.5.4.6',
  keyUsage: '2.5.29.15',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  sha256: '2.16.840.1.101.3.4.2.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signedData: '1.2.840.113549.1.7.2',
  // A UUID-derived arc (2.25): no registration needed, and no real TSA policy is claimed.
  policy: '2.25.311232536716134469858542627403519227410',
} as const;

const engine = new pkijs.CryptoEngine({
  name: 'node',
  crypto: webcrypto as unknown as EngineCrypto,
});

let shared: Promise<Tsa> | undefined;

/** The process's TSA, created on first use. */
function tsa(): Promise<Tsa> {
  shared ??= createTsa();
  return shared;
}

function name(): pkijs.RelativeDistinguishedNames {
  const rdn = new pkijs.RelativeDistinguishedNames();
  const add = (type: string, value: asn1js.BaseStringBlock) =>
    rdn.typesAndValues.push(new pkijs.AttributeTypeAndValue({ type, value }));
  add(OID.country, new asn1js.PrintableString({ value: 'TR' }));
  add(OID.organization, new asn1js.Utf8String({ value: 'izinli iys-sim' }));
  add(OID.commonName, new asn1js.Utf8String({ value: 'İYS Simülatörü Zaman Damgası' }));
  return rdn;
}

async function createTsa(): Promise<Tsa> {
  const keys = await webcrypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  );
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ value: 1 });
  certificate.issuer = name();
  certificate.subject = name();
  certificate.notBefore.value = new Date('2015-01-01T00:00:00Z');
  certificate.notAfter.value = new Date('2049-12-31T23:59:59Z');
  // digitalSignature only (bit 0), and time stamping as the only, critical, extended key use.
  const keyUsage = new asn1js.BitString({ valueHex: new Uint8Array([0x80]).buffer, unusedBits: 7 });
  certificate.extensions = [
    new pkijs.Extension({
      extnID: OID.keyUsage,
      critical: true,
      extnValue: keyUsage.toBER(false),
    }),
    new pkijs.Extension({
      extnID: pkijs.id_ExtKeyUsage,
      critical: true,
      extnValue: new pkijs.ExtKeyUsage({ keyPurposes: [OID.timeStamping] }).toSchema().toBER(false),
    }),
  ];
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey as SigningKey, engine);
  await certificate.sign(keys.privateKey as SigningKey, 'SHA-256', engine);
  return {
    certificate,
    der: new Uint8Array(certificate.toSchema(true).toBER(false)),
    privateKey: keys.privateKey as SigningKey,
  };
}

/** The TSA certificate in PEM, for `openssl ts -verify -CAfile`. */
export async function tsaCertificatePem(): Promise<string> {
  const b64 = Buffer.from((await tsa()).der).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${b64.replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`;
}

const sha256 = (data: Uint8Array | ArrayBuffer) =>
  createHash('sha256')
    .update(data instanceof Uint8Array ? data : new Uint8Array(data))
    .digest();

const bytes = (data: Uint8Array): ArrayBuffer =>
  data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;

/**
 * DER's minimal two's-complement bytes of an unsigned number: no leading zero bytes, but one
 * zero byte when the top bit is set, so the INTEGER stays positive (OpenSSL refuses any other).
 */
function positiveInteger(unsigned: Uint8Array): Uint8Array {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++;
  const trimmed = unsigned.subarray(start);
  return (trimmed[0] ?? 0) & 0x80 ? Uint8Array.from([0, ...trimmed]) : Uint8Array.from(trimmed);
}

/**
 * An RFC 3161 TimeStampResp (status granted) over `data`: its SHA-256 is the message imprint,
 * `genTime` the stamping instant, `serial` the token's serial number. The token is CMS SignedData
 * with the TSA certificate, and signed attributes content type, message digest and the ESS
 * signing-certificate-v2 reference that RFC 5816 verifiers (OpenSSL among them) require.
 */
export async function timeStampResponse(
  data: Uint8Array,
  genTime: Date,
  serial: Uint8Array,
): Promise<Uint8Array> {
  const authority = await tsa();
  const tstInfo = new pkijs.TSTInfo({
    version: 1,
    policy: OID.policy,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: bytes(sha256(data)) }),
    }),
    serialNumber: new asn1js.Integer({ valueHex: bytes(positiveInteger(serial)) }),
    genTime,
    accuracy: new pkijs.Accuracy({ seconds: 1 }),
  });
  const content = new Uint8Array(tstInfo.toSchema().toBER(false));
  const essCertId = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: bytes(sha256(authority.der)) })],
  });
  const signingCertificate = new asn1js.Sequence({
    value: [new asn1js.Sequence({ value: [essCertId] })],
  });
  const signer = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({
      issuer: authority.certificate.issuer,
      serialNumber: authority.certificate.serialNumber,
    }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({
      type: 0,
      attributes: [
        new pkijs.Attribute({
          type: OID.contentType,
          values: [new asn1js.ObjectIdentifier({ value: pkijs.id_eContentType_TSTInfo })],
        }),
        new pkijs.Attribute({
          type: OID.signingTime,
          values: [new asn1js.UTCTime({ valueDate: genTime })],
        }),
        new pkijs.Attribute({
          type: OID.messageDigest,
          values: [new asn1js.OctetString({ valueHex: bytes(sha256(content)) })],
        }),
        new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificate] }),
      ],
    }),
  });
  const signed = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: pkijs.id_eContentType_TSTInfo,
      eContent: new asn1js.OctetString({ valueHex: bytes(content) }),
    }),
    signerInfos: [signer],
    certificates: [authority.certificate],
  });
  await signed.sign(authority.privateKey, 0, 'SHA-256', undefined, engine);
  const response = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
    timeStampToken: new pkijs.ContentInfo({
      contentType: OID.signedData,
      content: signed.toSchema(true),
    }),
  });
  return new Uint8Array(response.toSchema().toBER(false));
}
