/**
 * Base classes for errors a handler throws. Modeled errors are generated subclasses of AwsServiceError
 * (generated/<svc>/errors.ts); FrameworkError covers failures before a handler runs.
 */

export interface ErrorShape {
  /** Wire error code, e.g. `NoSuchKey`. */
  readonly code: string;
  readonly httpStatus: number;
  readonly fault: 'client' | 'server';
}

/** Thrown by handlers for any modeled or model-patched AWS error. Extra members travel in `members`. */
export class AwsServiceError extends Error implements ErrorShape {
  readonly code: string;
  readonly httpStatus: number;
  readonly fault: 'client' | 'server';
  /** Extra members serialised beside Code/Message (S3: `<Key>`, DynamoDB: `Item`, ...). */
  readonly members: Record<string, unknown>;
  /** Extra response headers (e.g. `x-amz-bucket-region`). */
  readonly headers: Array<[string, string]>;

  constructor(
    code: string,
    httpStatus: number,
    fault: 'client' | 'server',
    message: string,
    members: Record<string, unknown> = {},
    headers: Array<[string, string]> = [],
  ) {
    super(message);
    this.name = code;
    this.code = code;
    this.httpStatus = httpStatus;
    this.fault = fault;
    this.members = members;
    this.headers = headers;
  }
}

/** An operation exists in the model but Standin does not implement it yet. */
export class NotImplementedError extends AwsServiceError {
  constructor(operation: string, message = `The ${operation} operation is not implemented by Standin.`) {
    super('NotImplemented', 501, 'server', message, {});
    this.operation = operation;
  }
  readonly operation: string;
}

/** Errors raised by the framework itself (routing, body parsing), before or around a handler. */
export class FrameworkError extends AwsServiceError {}

/** The request matched no operation of the service. */
export class UnknownOperationError extends FrameworkError {}

/** The request could not be parsed into the operation's input (bad JSON, bad XML, bad number...). */
export class SerializationError extends FrameworkError {}

/**
 * A JSON union with no member or several members set. Protocols answer SerializationException; a service whose
 * real answer differs (DynamoDB's AttributeValue ValidationException) maps it (ServiceModule.mapParseError).
 */
export class UnionMemberCountError extends SerializationError {
  constructor(
    message: string,
    /** Where the union sits in the input, e.g. `$.Item.pk`. */
    readonly path: string,
    /** How many members were set (0 or more than 1). */
    readonly count: number,
  ) {
    super('SerializationException', 400, 'client', message);
  }
}

export function isAwsServiceError(value: unknown): value is AwsServiceError {
  return value instanceof AwsServiceError;
}

/**
 * The client went away before its request body was all there. Not Standin's failure: dispatch answers it like any
 * unexpected error (nobody is left to read the answer) but does not log it as one.
 */
export class RequestAbortedError extends Error {
  constructor(cause?: unknown) {
    super('the client closed the connection before sending the whole body', { cause });
  }
}
