/** Finds the schema of a thrown error and turns its extra members into wire values, shared by the protocols. */
import type { AwsServiceError } from '../runtime/errors.js';
import type { ServiceSchema, StructureSchema } from '../runtime/schema.js';

const byCode = new WeakMap<ServiceSchema, Map<string, StructureSchema>>();

/** The error shape for a wire code (shape name, or the awsQueryError code when it differs). */
export function errorSchema(schema: ServiceSchema, code: string): StructureSchema | undefined {
  let map = byCode.get(schema);
  if (!map) {
    map = new Map();
    for (const shape of Object.values(schema.shapes)) {
      if ((shape.type === 'structure' || shape.type === 'union') && shape.error) {
        map.set(shape.error.code ?? shape.name, shape);
      }
    }
    byCode.set(schema, map);
  }
  return map.get(code);
}

/** Name of the member that carries the message in this error shape: `Message` or `message` (default). */
export function messageMember(shape: StructureSchema | undefined): string {
  return shape?.members.find((m) => m.name === 'Message') ? 'Message' : 'message';
}

export function errorCode(error: AwsServiceError): string {
  return error.code;
}

/**
 * The error a service answers when Standin itself fails: the service's own modelled 500 (S3 `InternalError`,
 * DynamoDB `InternalServerError`, Lambda `ServiceException`), else the AWS-wide `InternalFailure`
 * (https://docs.aws.amazon.com/general/latest/gr/api-retries.html lists it among the common errors).
 */
export function internalErrorOf(schema: ServiceSchema): { code: string; message: string } {
  for (const shape of Object.values(schema.shapes)) {
    if ((shape.type === 'structure' || shape.type === 'union') && shape.error?.fault === 'server' && shape.error.httpStatus === 500) {
      const code = shape.error.code ?? shape.name;
      // S3's own wording (ErrorResponses.html); the other services' texts are not documented.
      return { code, message: code === 'InternalError' ? 'We encountered an internal error. Please try again.' : 'Internal server error' };
    }
  }
  return { code: 'InternalFailure', message: 'Internal server error' };
}
