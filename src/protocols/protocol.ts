/** One interface for every wire protocol; src/server picks the implementation per service. */
import type { AwsServiceError } from '../runtime/errors.js';
import type { AwsRequest, AwsResponse } from '../runtime/request.js';
import type { OperationSchema, ServiceSchema } from '../runtime/schema.js';

export interface ExchangeInfo {
  requestId: string;
  method: string;
}

export interface Protocol {
  /** A request id in the form the service uses. */
  newRequestId(): string;
  /** The operation a request is for, with its URI labels; throws an AwsServiceError when none matches. */
  route(req: AwsRequest, schema: ServiceSchema): { operation: OperationSchema; labels: Record<string, string> };
  /** An error in the protocol's envelope. */
  serializeError(error: AwsServiceError, schema: ServiceSchema, info: ExchangeInfo): AwsResponse;
  /** Headers every response carries (request ids, checksums, content type). */
  finalize(res: AwsResponse, schema: ServiceSchema, info: ExchangeInfo): void;
}
