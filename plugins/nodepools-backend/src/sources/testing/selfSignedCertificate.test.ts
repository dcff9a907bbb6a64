import { X509Certificate, createPrivateKey } from 'node:crypto';
import tls from 'node:tls';
import { createSelfSignedCertificate } from './selfSignedCertificate';

describe('createSelfSignedCertificate', () => {
  it('makes a self-signed CA certificate for 127.0.0.1 and localhost', () => {
    const { cert, key } = createSelfSignedCertificate();
    const x509 = new X509Certificate(cert);

    expect(x509.subject).toBe('CN=127.0.0.1');
    expect(x509.issuer).toBe(x509.subject);
    expect(x509.ca).toBe(true);
    expect(x509.subjectAltName).toBe('IP Address:127.0.0.1, DNS:localhost');
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.checkPrivateKey(createPrivateKey(key))).toBe(true);
    expect(Date.parse(x509.validFrom)).toBeLessThan(Date.now());
    expect(Date.parse(x509.validTo)).toBeGreaterThan(Date.now());
  });

  it.each([
    ['a leading zero byte', '00 7f 01 02'],
    ['a leading high bit', '80 01 02 03'],
    ['only zeros', '00 00 00 00'],
  ])('encodes a serial number with %s as a valid DER integer', (_, hex) => {
    const serialNumber = Buffer.from(hex.replace(/ /g, ''), 'hex');
    const { cert, key } = createSelfSignedCertificate({ serialNumber });

    expect(() => tls.createSecureContext({ cert, key })).not.toThrow();
    expect(BigInt(`0x${new X509Certificate(cert).serialNumber}`)).toBe(
      BigInt(`0x${serialNumber.toString('hex')}`),
    );
  });
});
