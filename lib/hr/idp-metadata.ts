import { XMLParser } from 'fast-xml-parser';
import { FormError } from '@/lib/errors';
import { CertificateError, parseCertificate } from './certificate';
import {
  EgressBlockedError,
  EgressTimeoutError,
  egressPolicyFromEnv,
  egressRequest,
  ResponseTooLargeError,
  type EgressRequest,
  type EgressResponse,
} from '@/lib/net/egress';

/** What an identity provider's SAML metadata gives the Identity Providers form. */
export type IdpMetadata = { entityId: string; ssoUrl: string; certificate: string };

/** Metadata files are a few KB; federation bundles are refused (add one provider's metadata). */
export const METADATA_MAX_BYTES = 256 * 1024;
export const METADATA_TIMEOUT_MS = 10_000;

export class MetadataError extends Error {}

const SSO_BINDINGS = [
  'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
  'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
];

type Node = Record<string, unknown>;
const list = (value: unknown): Node[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (v): v is Node => typeof v === 'object' && v !== null,
  );
const text = (value: unknown): string => {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && '#text' in value) return String((value as Node)['#text']);
  return '';
};

/** A base64 DER certificate (as metadata holds it, with any whitespace) → PEM. */
function toPem(base64: string): string {
  const body = base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+=*$/.test(body))
    throw new MetadataError('The signing certificate in the metadata is not base64.');
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/**
 * Reads SAML 2.0 IdP metadata (an EntityDescriptor with an IDPSSODescriptor): the entity ID, the SSO URL (the
 * HTTP-Redirect binding, else HTTP-POST) and the signing certificate. Namespace prefixes are ignored. A DOCTYPE is
 * refused outright, so no entity of any kind is expanded.
 */
export function parseIdpMetadata(xml: string): IdpMetadata {
  if (Buffer.byteLength(xml, 'utf8') > METADATA_MAX_BYTES)
    throw new MetadataError(`The metadata is larger than ${METADATA_MAX_BYTES / 1024} KB.`);
  if (/<!DOCTYPE/i.test(xml)) throw new MetadataError('Metadata with a DOCTYPE is not accepted.');
  let doc: Node;
  try {
    doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      removeNSPrefix: true,
      processEntities: false,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
    }).parse(xml, true) as Node;
  } catch {
    throw new MetadataError('This is not well-formed XML.');
  }
  const entities = [
    ...list(doc.EntityDescriptor),
    ...list(doc.EntitiesDescriptor).flatMap((group) => list(group.EntityDescriptor)),
  ];
  const entity = entities.find((e) => list(e.IDPSSODescriptor).length > 0);
  if (!entity) throw new MetadataError('The metadata has no identity provider (IDPSSODescriptor).');
  const entityId = text(entity['@entityID']).trim();
  if (!entityId) throw new MetadataError('The metadata has no entityID.');
  const idp = list(entity.IDPSSODescriptor)[0];
  const services = list(idp.SingleSignOnService);
  const service =
    SSO_BINDINGS.map((binding) => services.find((s) => text(s['@Binding']) === binding)).find(Boolean) ?? services[0];
  const ssoUrl = text(service?.['@Location']).trim();
  if (!ssoUrl) throw new MetadataError('The metadata has no SingleSignOnService location.');
  const keys = list(idp.KeyDescriptor);
  const key = keys.find((k) => text(k['@use']) === 'signing') ?? keys.find((k) => !k['@use']);
  const x509 = list(list(key?.KeyInfo)[0]?.X509Data)[0]?.X509Certificate;
  const raw = text(Array.isArray(x509) ? x509[0] : x509);
  if (!raw.trim()) throw new MetadataError('The metadata has no signing certificate (X509Certificate).');
  if (entityId.length > 1000) throw new MetadataError('The entityID in the metadata is longer than 1000 characters.');
  if (!/^https?:\/\/\S+$/i.test(ssoUrl) || ssoUrl.length > 2000)
    throw new MetadataError('The SingleSignOnService location is not an http or https URL.');
  const pem = toPem(raw);
  try {
    parseCertificate(pem);
  } catch (error) {
    if (error instanceof CertificateError) throw new MetadataError(`The signing certificate: ${error.message}`);
    throw error;
  }
  return { entityId, ssoUrl, certificate: pem };
}

export type MetadataFetch = (url: string, request: EgressRequest) => Promise<EgressResponse>;

/**
 * Fetches metadata from a URL through the egress guard (lib/net/egress: no link-local or metadata addresses, private
 * ones only if the operator allows them, no redirects), within METADATA_TIMEOUT_MS and METADATA_MAX_BYTES.
 */
export async function fetchIdpMetadata(url: string, fetch: MetadataFetch = egressRequest): Promise<IdpMetadata> {
  let response: EgressResponse;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' },
      timeoutMs: METADATA_TIMEOUT_MS,
      maxBytes: METADATA_MAX_BYTES,
      policy: egressPolicyFromEnv(),
    });
  } catch (error) {
    if (error instanceof EgressBlockedError) throw new MetadataError(`This URL cannot be used: ${error.message}.`);
    if (error instanceof EgressTimeoutError) throw new MetadataError('The metadata URL did not answer in time.');
    if (error instanceof ResponseTooLargeError)
      throw new MetadataError(`The metadata is larger than ${METADATA_MAX_BYTES / 1024} KB.`);
    throw new MetadataError('The metadata URL could not be reached.');
  }
  if (response.status >= 300 && response.status < 400)
    throw new MetadataError('The metadata URL redirects; enter the address it redirects to.');
  if (response.status !== 200) throw new MetadataError(`The metadata URL answered HTTP ${response.status}.`);
  return parseIdpMetadata(response.body.toString('utf8'));
}

/** The metadata from pasted/uploaded XML or a URL, or the form error naming the field that holds the problem. */
export async function loadIdpMetadata(
  input: { metadataXml: string | null; metadataUrl: string | null },
  fetch?: MetadataFetch,
): Promise<IdpMetadata> {
  const field = input.metadataXml ? 'metadataXml' : 'metadataUrl';
  try {
    if (input.metadataXml) return parseIdpMetadata(input.metadataXml);
    if (input.metadataUrl) return await fetchIdpMetadata(input.metadataUrl, fetch);
  } catch (error) {
    if (error instanceof MetadataError) throw new FormError(error.message, { [field]: error.message });
    throw error;
  }
  const message = 'Choose a metadata file, paste its XML or enter its URL.';
  throw new FormError(message, { metadataXml: message });
}
