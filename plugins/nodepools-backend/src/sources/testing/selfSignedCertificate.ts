import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

/**
 * A throwaway certificate for a local HTTPS test server. Some cloud clients
 * refuse to send a bearer token over plain HTTP, so their tests need TLS; a
 * key made per run keeps private keys out of the repository.
 */
export interface SelfSignedCertificate {
  /** PEM certificate; also the CA a client must trust. */
  cert: string;
  /** PEM PKCS#8 private key. */
  key: string;
}

const OID_ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const OID_COMMON_NAME = '2.5.4.3';
const OID_SUBJECT_ALT_NAME = '2.5.29.17';
const OID_BASIC_CONSTRAINTS = '2.5.29.19';

/** A DER TLV: tag byte, definite length, content. */
function tlv(tag: number, content: Buffer): Buffer {
  const length = content.length;
  if (length < 0x80) {
    return Buffer.concat([Buffer.from([tag, length]), content]);
  }
  const lengthBytes: number[] = [];
  for (let rest = length; rest > 0; rest >>= 8) lengthBytes.unshift(rest & 0xff);
  return Buffer.concat([
    Buffer.from([tag, 0x80 | lengthBytes.length, ...lengthBytes]),
    content,
  ]);
}

const sequence = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => tlv(0x31, Buffer.concat(parts));
const octetString = (content: Buffer) => tlv(0x04, content);
const bitString = (content: Buffer) =>
  tlv(0x03, Buffer.concat([Buffer.from([0]), content]));
const utf8String = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));
const explicit = (tagNumber: number, content: Buffer) => tlv(0xa0 | tagNumber, content);
const booleanTrue = () => tlv(0x01, Buffer.from([0xff]));

/** A DER INTEGER must be minimal: no redundant leading zero, and a zero before a high bit. */
function unsignedInteger(value: Buffer): Buffer {
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start++;
  const digits = value.subarray(start);
  const content = digits[0] & 0x80 ? Buffer.concat([Buffer.from([0]), digits]) : digits;
  return tlv(0x02, content);
}

function objectIdentifier(oid: string): Buffer {
  const [first, second, ...rest] = oid.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const base128: number[] = [arc & 0x7f];
    for (let value = arc >> 7; value > 0; value >>= 7) {
      base128.unshift((value & 0x7f) | 0x80);
    }
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const pad = (n: number) => String(n).padStart(2, '0');
  const text = `${pad(date.getUTCFullYear() % 100)}${pad(date.getUTCMonth() + 1)}${pad(
    date.getUTCDate(),
  )}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * Makes an ECDSA P-256 certificate for `127.0.0.1` and `localhost`, valid from
 * an hour ago for a day. It is its own CA, so a client trusts it by passing
 * `cert` as `ca`. The serial number is random unless given.
 */
export function createSelfSignedCertificate(
  options: { serialNumber?: Buffer } = {},
): SelfSignedCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
  });
  const signatureAlgorithm = sequence(objectIdentifier(OID_ECDSA_WITH_SHA256));
  const name = sequence(
    set(sequence(objectIdentifier(OID_COMMON_NAME), utf8String('127.0.0.1'))),
  );
  const now = Date.now();
  const validity = sequence(
    utcTime(new Date(now - 60 * 60 * 1000)),
    utcTime(new Date(now + 24 * 60 * 60 * 1000)),
  );
  const subjectAltNames = sequence(
    tlv(0x87, Buffer.from([127, 0, 0, 1])),
    tlv(0x82, Buffer.from('localhost', 'ascii')),
  );
  const extensions = explicit(
    3,
    sequence(
      sequence(
        objectIdentifier(OID_BASIC_CONSTRAINTS),
        booleanTrue(),
        octetString(sequence(booleanTrue())),
      ),
      sequence(objectIdentifier(OID_SUBJECT_ALT_NAME), octetString(subjectAltNames)),
    ),
  );
  const serial = options.serialNumber ?? randomBytes(16);
  const tbsCertificate = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))),
    unsignedInteger(serial),
    signatureAlgorithm,
    name,
    validity,
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signature = sign('sha256', tbsCertificate, privateKey);
  const certificate = sequence(tbsCertificate, signatureAlgorithm, bitString(signature));
  return {
    cert: toPem('CERTIFICATE', certificate),
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
