/**
 * Typed accessors for the Smithy traits the generator understands. Emitters never read raw trait ids.
 * Traits that matter only to clients or documentation are listed in IGNORED_TRAITS; any other trait
 * on a shape the generator visits stops codegen (see assertKnownTraits), so a model change cannot
 * silently change wire behaviour.
 */
import type { Traits } from './ast.js';

export const T = {
  http: 'smithy.api#http',
  httpLabel: 'smithy.api#httpLabel',
  httpQuery: 'smithy.api#httpQuery',
  httpQueryParams: 'smithy.api#httpQueryParams',
  httpHeader: 'smithy.api#httpHeader',
  httpPrefixHeaders: 'smithy.api#httpPrefixHeaders',
  httpPayload: 'smithy.api#httpPayload',
  httpResponseCode: 'smithy.api#httpResponseCode',
  httpError: 'smithy.api#httpError',
  error: 'smithy.api#error',
  required: 'smithy.api#required',
  xmlName: 'smithy.api#xmlName',
  xmlAttribute: 'smithy.api#xmlAttribute',
  xmlFlattened: 'smithy.api#xmlFlattened',
  xmlNamespace: 'smithy.api#xmlNamespace',
  jsonName: 'smithy.api#jsonName',
  timestampFormat: 'smithy.api#timestampFormat',
  streaming: 'smithy.api#streaming',
  mediaType: 'smithy.api#mediaType',
  enumValue: 'smithy.api#enumValue',
  idempotencyToken: 'smithy.api#idempotencyToken',
  sparse: 'smithy.api#sparse',
  httpChecksumRequired: 'smithy.api#httpChecksumRequired',
  httpChecksum: 'aws.protocols#httpChecksum',
  awsQueryError: 'aws.protocols#awsQueryError',
  service: 'aws.api#service',
  sigv4: 'aws.auth#sigv4',
  restXml: 'aws.protocols#restXml',
  restJson1: 'aws.protocols#restJson1',
  awsJson1_0: 'aws.protocols#awsJson1_0',
  awsJson1_1: 'aws.protocols#awsJson1_1',
  s3UnwrappedXmlOutput: 'aws.customizations#s3UnwrappedXmlOutput',
  deprecated: 'smithy.api#deprecated',
  staticContextParams: 'smithy.rules#staticContextParams',
  /** Standin's own trait, set by models/patches: the full awsJson `__type` of an error (DynamoDB's coral errors). */
  wireErrorType: 'standin.api#wireErrorType',
  /** Standin's own trait on a service, set by models/patches: the namespace awsJson `__type` ids use. */
  wireErrorNamespace: 'standin.api#wireErrorNamespace',
} as const;

/** Traits with no effect on a server's wire behaviour (docs, client hints, endpoint rules, constraints checked by handlers). */
const IGNORED_TRAITS = new Set([
  'smithy.api#documentation',
  'smithy.api#examples',
  'smithy.api#title',
  'smithy.api#suppress',
  'smithy.api#sensitive',
  'smithy.api#input',
  'smithy.api#output',
  'smithy.api#default',
  'smithy.api#addedDefault',
  'smithy.api#clientOptional',
  'smithy.api#box',
  'smithy.api#paginated',
  'smithy.api#length',
  'smithy.api#range',
  'smithy.api#pattern',
  'smithy.api#uniqueItems',
  'smithy.api#idempotent',
  'smithy.api#readonly',
  'smithy.api#auth',
  'smithy.api#optionalAuth',
  'smithy.api#endpoint',
  'smithy.api#hostLabel',
  'smithy.api#eventPayload',
  'smithy.api#eventHeader',
  'smithy.api#requiresLength',
  'smithy.api#retryable',
  'smithy.api#unstable',
  'smithy.api#tags',
  'smithy.api#externalDocumentation',
  'smithy.api#recommended',
  'smithy.api#references',
  'smithy.api#internal',
  'smithy.api#private',
  'smithy.api#trait',
  'smithy.api#unitType',
  'smithy.waiters#waitable',
  'smithy.rules#contextParam',
  'smithy.rules#operationContextParams',
  'smithy.rules#clientContextParams',
  'smithy.rules#endpointRuleSet',
  'smithy.rules#endpointTests',
  'smithy.rules#endpointBdd',
  'smithy.test#smokeTests',
  'aws.api#clientEndpointDiscovery',
  'aws.api#clientDiscoveredEndpoint',
  'aws.api#dataPlane',
  'aws.api#controlPlane',
  'aws.api#arn',
  'aws.api#arnReference',
  'aws.auth#unsignedPayload',
  'aws.protocols#awsQueryCompatible',
  'aws.protocols#requestCompression',
  'smithy.api#requestCompression',
]);

const KNOWN_TRAITS = new Set<string>([...Object.values(T), ...IGNORED_TRAITS]);

/** Stops codegen on a trait it has not been taught, naming where it was found. */
export function assertKnownTraits(where: string, traits: Traits | undefined): void {
  for (const id of Object.keys(traits ?? {})) {
    if (!KNOWN_TRAITS.has(id)) {
      throw new Error(`codegen: unknown trait ${id} on ${where}; teach codegen/model/traits.ts what it means for a server`);
    }
  }
}

export const has = (traits: Traits | undefined, id: string): boolean => traits !== undefined && id in traits;

export function str(traits: Traits | undefined, id: string): string | undefined {
  const value = traits?.[id];
  return typeof value === 'string' ? value : undefined;
}

export interface HttpTrait {
  method: string;
  uri: string;
  code?: number;
}

export function httpTrait(traits: Traits | undefined): HttpTrait | undefined {
  const value = traits?.[T.http] as HttpTrait | undefined;
  return value;
}

export function xmlNamespaceTrait(traits: Traits | undefined): { uri: string; prefix?: string } | undefined {
  return traits?.[T.xmlNamespace] as { uri: string; prefix?: string } | undefined;
}

export function errorTrait(traits: Traits | undefined): 'client' | 'server' | undefined {
  return str(traits, T.error) as 'client' | 'server' | undefined;
}

export function httpErrorTrait(traits: Traits | undefined): number | undefined {
  const value = traits?.[T.httpError];
  return typeof value === 'number' ? value : undefined;
}

export function awsQueryErrorTrait(traits: Traits | undefined): { code: string; httpResponseCode: number } | undefined {
  return traits?.[T.awsQueryError] as { code: string; httpResponseCode: number } | undefined;
}

export interface HttpChecksumTrait {
  requestAlgorithmMember?: string;
  requestValidationModeMember?: string;
  requestChecksumRequired?: boolean;
  responseAlgorithms?: string[];
}

export function httpChecksumTrait(traits: Traits | undefined): HttpChecksumTrait | undefined {
  return traits?.[T.httpChecksum] as HttpChecksumTrait | undefined;
}

export function serviceTrait(traits: Traits | undefined): { sdkId: string; endpointPrefix?: string } | undefined {
  return traits?.[T.service] as { sdkId: string; endpointPrefix?: string } | undefined;
}

export function sigv4Name(traits: Traits | undefined): string | undefined {
  return (traits?.[T.sigv4] as { name?: string } | undefined)?.name;
}
