/**
 * The model facts that generated code hands to the runtime: shape schemas for body serde and validation,
 * and operation schemas for routing. Plain data, emitted by codegen/emit/schemas.ts and operations.ts.
 */

export type Protocol = 'restXml' | 'awsJson1_0' | 'restJson1';

/** Smithy timestamp formats (https://smithy.io/2.0/spec/protocol-traits.html#timestampformat-trait). */
export type TimestampFormat = 'date-time' | 'http-date' | 'epoch-seconds';

/** Where a top-level input/output member travels on the wire. */
export type Binding =
  | { in: 'label'; greedy: boolean }
  | { in: 'query'; name: string }
  | { in: 'queryParams' }
  | { in: 'header'; name: string }
  | { in: 'prefixHeaders'; prefix: string }
  | { in: 'payload' }
  | { in: 'responseCode' }
  | { in: 'body' };

export interface XmlNamespace {
  uri: string;
  prefix?: string;
}

export interface MemberSchema {
  name: string;
  /** Name of the target shape in the service's ShapeRegistry. */
  target: string;
  required?: true;
  binding?: Binding;
  xmlName?: string;
  xmlAttribute?: true;
  xmlFlattened?: true;
  xmlNamespace?: XmlNamespace;
  jsonName?: string;
  timestampFormat?: TimestampFormat;
  idempotencyToken?: true;
}

export type ScalarType =
  | 'string'
  | 'blob'
  | 'boolean'
  | 'byte'
  | 'short'
  | 'integer'
  | 'long'
  | 'float'
  | 'double'
  | 'bigInteger'
  | 'bigDecimal'
  | 'timestamp'
  | 'document';

export interface ErrorInfo {
  fault: 'client' | 'server';
  httpStatus: number;
  /** The wire code when it differs from the shape name. */
  code?: string;
  /** awsJson: the full `__type` when it is not `<errorNamespace>#<code>` (DynamoDB's `com.amazon.coral.validate#ValidationException`). */
  typeId?: string;
}

export interface StructureSchema {
  type: 'structure' | 'union';
  name: string;
  members: readonly MemberSchema[];
  xmlName?: string;
  xmlNamespace?: XmlNamespace;
  error?: ErrorInfo;
  /** Union with @streaming: an event stream. */
  streaming?: true;
}

export interface ListSchema {
  type: 'list';
  name: string;
  member: MemberSchema;
  sparse?: true;
}

export interface MapSchema {
  type: 'map';
  name: string;
  key: MemberSchema;
  value: MemberSchema;
  sparse?: true;
}

export interface EnumSchema {
  type: 'enum';
  name: string;
  values: readonly string[];
}

export interface IntEnumSchema {
  type: 'intEnum';
  name: string;
  values: readonly number[];
}

export interface ScalarSchema {
  type: ScalarType;
  name: string;
  streaming?: true;
  timestampFormat?: TimestampFormat;
  mediaType?: string;
}

export type ShapeSchema = StructureSchema | ListSchema | MapSchema | EnumSchema | IntEnumSchema | ScalarSchema;

export type ShapeRegistry = Readonly<Record<string, ShapeSchema>>;

/** A path segment of an HTTP URI template. */
export type PathSegment = { literal: string } | { label: string; greedy: boolean };

export interface HttpRoute {
  method: string;
  /** The URI template as modelled, e.g. `/{Bucket}/{Key+}?uploads`. */
  uri: string;
  /** Successful response status. */
  code: number;
  segments: readonly PathSegment[];
  /** Literal query keys from the URI (`?uploads`, `?list-type=2`); `x-id` is dropped: it is a client hint. */
  queryLiterals: Readonly<Record<string, string>>;
  /** Query members that the model marks required (they help tell operations apart). */
  requiredQuery: readonly string[];
  /** Header members that the model marks required (e.g. `x-amz-copy-source`). */
  requiredHeaders: readonly string[];
}

export interface HttpChecksumInfo {
  requestAlgorithmMember?: string;
  requestValidationModeMember?: string;
  requestChecksumRequired?: boolean;
  responseAlgorithms?: readonly string[];
}

export interface OperationSchema {
  name: string;
  /** Input structure shape name; absent for smithy.api#Unit. */
  input?: string;
  output?: string;
  errors: readonly string[];
  http?: HttpRoute;
  checksumRequired?: true;
  httpChecksum?: HttpChecksumInfo;
  /** Endpoint rule-set flags fixed by the model that are true (`UseS3ExpressControlEndpoint`): routing hints. */
  contextFlags?: readonly string[];
  /** The model marks it deprecated; routing prefers the current operation when two share a route. */
  deprecated?: true;
  /** S3 GetBucketLocation: the output's single member is the XML root (aws.customizations#s3UnwrappedXmlOutput). */
  unwrappedXmlOutput?: true;
}

export interface ServiceSchema {
  /** Standin's key for the service: `s3`, `dynamodb`, `lambda`, `apigateway`. */
  key: string;
  sdkId: string;
  /** Absolute shape id of the service, e.g. `com.amazonaws.dynamodb#DynamoDB_20120810`. */
  shapeId: string;
  /** The model's namespace, e.g. `com.amazonaws.dynamodb`. */
  namespace: string;
  /** awsJson: namespace of error `__type` ids (`com.amazonaws.dynamodb.v20120810`); defaults to `namespace`. */
  errorNamespace?: string;
  version: string;
  protocol: Protocol;
  /** SigV4 signing name (`s3`, `dynamodb`, `lambda`, `apigateway`). */
  signingName: string;
  /** awsJson: the `X-Amz-Target` prefix (the service shape name). */
  targetPrefix?: string;
  xmlNamespace?: string;
  /** Which model artifact this was generated from. */
  modelOrigin: string;
  operations: Readonly<Record<string, OperationSchema>>;
  shapes: ShapeRegistry;
}
