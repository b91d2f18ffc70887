/** What generated code imports as `__`. Explicit re-exports only. */
export {
  readBlobPayload,
  readHeader,
  readHeaderList,
  readJsonBody,
  readJsonPayload,
  readLabel,
  readLabelValue,
  readPrefixHeaders,
  readQuery,
  readQueryList,
  readQueryParams,
  readStringPayload,
  readXmlBody,
  readXmlPayload,
  writeHeader,
  writeHeaderList,
  writeJsonBody,
  writeJsonPayload,
  writePrefixHeaders,
  writeXmlBody,
  writeXmlPayload,
  writeXmlUnwrapped,
} from './bindings.js';
export { AwsServiceError, FrameworkError, NotImplementedError, SerializationError, UnknownOperationError } from './errors.js';
export type { DocumentType, OperationHandler, OperationTable, StreamingBlob } from './operation.js';
export { memberOf, writeEmptyJsonObject, writeRawPayload } from './payload.js';
export type { AwsRequest, AwsResponse, RequestContext, ResponseBody } from './request.js';
export { getHeader, newResponse, setHeader } from './request.js';
export type { OperationSchema, ServiceSchema, ShapeRegistry, ShapeSchema } from './schema.js';
