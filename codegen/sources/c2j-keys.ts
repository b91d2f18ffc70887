/**
 * The C2J keys the converter knows. `*_KEYS` are translated into Smithy; `*_IGNORED` are read and
 * deliberately not translated because they only affect SDK clients, never what a server receives or sends.
 * Anything else makes the converter throw, so a new botocore feature is noticed instead of silently lost.
 */

export const TOP_KEYS = ['version', 'metadata', 'operations', 'shapes'] as const;
export const TOP_IGNORED: Readonly<Record<string, string>> = {
  clientContextParams: 'client-side endpoint-resolution settings (ForcePathStyle, Accelerate...)',
};

export const METADATA_KEYS = [
  'apiVersion',
  'endpointPrefix',
  'jsonVersion',
  'protocol',
  'protocols',
  'serviceFullName',
  'serviceId',
  'signatureVersion',
  'signingName',
  'targetPrefix',
  'xmlNamespace',
  'auth',
  'awsQueryCompatible',
] as const;
export const METADATA_IGNORED: Readonly<Record<string, string>> = {
  serviceAbbreviation: 'SDK class naming only',
  uid: 'documentation cross-link id',
  globalEndpoint: 'client endpoint resolution; the stand-in is addressed directly',
  checksumFormat: 'S3 client hint for which Content-MD5 to compute; the server validates what it receives',
};

export const OPERATION_KEYS = [
  'name',
  'http',
  'input',
  'output',
  'errors',
  'deprecated',
  'authtype',
  'auth',
  'unsignedPayload',
  'endpoint',
  'httpChecksum',
  'httpChecksumRequired',
  'staticContextParams',
  'idempotent',
  'readonly',
] as const;
export const OPERATION_IGNORED: Readonly<Record<string, string>> = {
  endpointdiscovery: 'client-side endpoint discovery cache; the stand-in serves every operation on one endpoint',
  endpointoperation: 'marks DescribeEndpoints for SDK discovery; the operation itself is still converted',
  operationContextParams: 'endpoint rule-set inputs, used only by clients to pick a host',
};

export const HTTP_KEYS = ['method', 'requestUri', 'responseCode'] as const;
export const OPERATION_INPUT_KEYS = ['shape', 'locationName', 'xmlNamespace'] as const;
export const OPERATION_OUTPUT_KEYS = ['shape'] as const;
export const HTTP_CHECKSUM_KEYS = [
  'requestAlgorithmMember',
  'requestChecksumRequired',
  'requestValidationModeMember',
  'responseAlgorithms',
] as const;

/** Keys valid on every shape type (type-specific ones are checked by the shape converter). */
export const SHAPE_COMMON_KEYS = ['type', 'deprecated', 'sensitive'] as const;
export const SHAPE_IGNORED: Readonly<Record<string, string>> = {
  box: 'Smithy 1.0 client nullability hint; a server treats an absent value as unset either way',
  synthetic: 'botocore marks shapes it added itself (e.g. S3 AccessDenied); they are converted like any other',
  wrapper: 'awsQuery client result unwrapping; not one of the protocols served here',
  xmlOrder: 'legacy element order list; C2J member order, which the converter keeps, already matches it',
};

export const STRUCTURE_KEYS = [
  'members',
  'required',
  'payload',
  'union',
  'document',
  'exception',
  'fault',
  'error',
  'retryable',
  'event',
  'eventstream',
  'locationName',
  'xmlNamespace',
] as const;

export const MEMBER_KEYS = [
  'shape',
  'location',
  'locationName',
  'xmlAttribute',
  'xmlNamespace',
  'flattened',
  'idempotencyToken',
  'hostLabel',
  'jsonvalue',
  'eventpayload',
  'eventheader',
  'streaming',
  'timestampFormat',
  'deprecated',
  'sensitive',
] as const;
export const MEMBER_IGNORED: Readonly<Record<string, string>> = {
  contextParam: 'endpoint rule-set input (e.g. Bucket for virtual-host routing), used only by clients',
  box: 'Smithy 1.0 client nullability hint; a server treats an absent value as unset either way',
};

/** Keys valid on the `member` of a list or the `key`/`value` of a map. */
export const COLLECTION_MEMBER_KEYS = ['shape', 'locationName'] as const;
