/** API Gateway's own answers (gateway responses): JSON `{"message": …}` with the error type header where AWS sends one. */

export interface GatewayAnswer {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
}

function answer(status: number, message: string, errorType?: string): GatewayAnswer {
  const headers: Array<[string, string]> = [['Content-Type', 'application/json']];
  if (errorType) headers.push(['x-amzn-ErrorType', errorType]);
  return { status, headers, body: Buffer.from(JSON.stringify({ message })) };
}

/** No resource and method match: AWS answers 403, not 404 (LocalStack AWS-validated snapshot test_routing_not_found). */
export const missingAuthenticationToken = (): GatewayAnswer =>
  answer(403, 'Missing Authentication Token', 'MissingAuthenticationTokenException');

/** A stage the API does not have (AWS re:Post "troubleshoot 403 errors": a wrong stage name gives Forbidden). */
export const forbidden = (): GatewayAnswer => answer(403, 'Forbidden', 'ForbiddenException');

/** No such API: on AWS the host would not resolve; LocalStack's answer is kept for its users (execute_api/router.py). */
export const unknownApi = (apiId: string): GatewayAnswer =>
  answer(404, `The API id '${apiId}' does not correspond to a deployed API Gateway API`);

/** A malformed Lambda proxy response or a function error (aws-wire-checklist §6.3). */
export const badGateway = (): GatewayAnswer => answer(502, 'Internal server error');

/** The integration did not answer within its timeout (29 s by default). */
export const timedOut = (): GatewayAnswer => answer(504, 'Endpoint request timed out');

/** The integration could not be called (unknown function, refused connection, unsupported type). */
export const internalError = (): GatewayAnswer => answer(500, 'Internal server error', 'InternalServerErrorException');

/**
 * A request body over API Gateway's 10 MB payload quota (REST API quotas page); the REQUEST_TOO_LARGE gateway
 * response. [unverified: the exact message text]
 */
export const requestTooLarge = (): GatewayAnswer => answer(413, 'Request Too Long');
