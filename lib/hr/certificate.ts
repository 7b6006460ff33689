import { X509Certificate } from 'node:crypto';

export type ParsedCertificate = {
  /** Normalised PEM (one certificate, 64-character lines). */
  pem: string;
  subject: string;
  issuer: string;
  notBefore: Date;
  expiresAt: Date;
  fingerprint256: string;
};

export class CertificateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CertificateError';
  }
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/;
const NOT_PEM =
  'This is not a PEM X.509 certificate. Paste the text from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.';

function toPem(base64: string): string {
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/**
 * Reads a SAML signing certificate pasted by HR: a PEM block, or the bare base64 body that IdP metadata shows.
 * Throws a CertificateError with a message fit for the form.
 */
export function parseCertificate(text: string): ParsedCertificate {
  const input = text.trim();
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(input)) {
    throw new CertificateError(
      'This is a private key. Paste the identity provider’s public X.509 certificate instead, and keep the key secret.',
    );
  }
  const block = PEM_BLOCK.exec(input);
  let body: string;
  if (block) body = block[1];
  else if (!input.includes('-----') && /^[A-Za-z0-9+/=\s]+$/.test(input) && input.replace(/\s/g, '').length >= 64)
    body = input;
  else throw new CertificateError(NOT_PEM);
  const base64 = body.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw new CertificateError(NOT_PEM);
  const pem = toPem(base64);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    throw new CertificateError(
      'The certificate could not be read: it is truncated or not an X.509 certificate. Copy it again from your identity provider.',
    );
  }
  return {
    pem,
    subject: certificate.subject.replace(/\n/g, ', '),
    issuer: certificate.issuer.replace(/\n/g, ', '),
    notBefore: new Date(certificate.validFrom),
    expiresAt: new Date(certificate.validTo),
    fingerprint256: certificate.fingerprint256,
  };
}

/**
 * Days until expiry for the list's badge, counted in calendar days (UTC) so that an expiry tomorrow is 1 even when
 * fewer than 24 hours are left, and 0 for later today; negative once the moment has passed.
 */
export function daysUntil(date: Date, now = new Date()): number {
  if (date.getTime() <= now.getTime()) return -1;
  const day = (d: Date) => Math.floor(d.getTime() / 86_400_000);
  return day(date) - day(now);
}
