/**
 * The Lambda function ARN inside an AWS_PROXY integration URI. A module without imports, because the data plane
 * (src/server/execute-api) loads at start-up and must not pull in the service and its generated code.
 */

/** `arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function arn>/invocations` → the function ARN. */
const LAMBDA_PATH =
  /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[^/]+)\/invocations$/;

export function lambdaFunctionArn(uri: string | undefined): string | undefined {
  return uri ? LAMBDA_PATH.exec(uri)?.[1] : undefined;
}
