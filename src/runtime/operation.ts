/** The dispatcher's contract with generated service tables. */
import type { Readable } from 'node:stream';
import type { AwsRequest, AwsResponse, RequestContext } from './request.js';

/** A streaming blob member: a stream on input; on output a stream, bytes or text. */
export type StreamingBlob = Readable | Uint8Array | string;

/** A Smithy document: any JSON value (the type AWS's own clients use). */
export type { DocumentType } from '@smithy/types';

export interface OperationHandler<S> {
  parse(req: AwsRequest): Promise<unknown>;
  invoke(service: S, input: unknown, ctx: RequestContext): Promise<unknown>;
  serialize(output: unknown): AwsResponse;
}

export type OperationTable<S> = Readonly<Record<string, OperationHandler<S>>>;
