/** Pure helpers of the integrations: function ARNs, stage variables and path parameters in integration URIs. */
import { describe, expect, it } from 'vitest';
import { withStageVariables } from '../../../src/server/execute-api/gateway.js';
import { integrationUrl } from '../../../src/server/execute-api/http-proxy.js';
import { parseFunctionArn } from '../../../src/server/execute-api/lambda-integration.js';
import { lambdaFunctionArn } from '../../../src/services/apigateway/lambda-uri.js';

describe('Lambda function ARNs in AWS_PROXY integration URIs', () => {
  it('finds the function ARN inside the apigateway invocation URI and splits it into name, qualifier, account and region', () => {
    const fn = 'arn:aws:lambda:eu-west-1:123456789012:function:my-fn:live';
    const arn = lambdaFunctionArn(`arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${fn}/invocations`);
    expect(arn).toBe(fn);
    expect(parseFunctionArn(fn)).toEqual({ region: 'eu-west-1', accountId: '123456789012', name: 'my-fn', qualifier: 'live' });
    expect(parseFunctionArn('arn:aws:lambda:us-east-1:000000000000:function:plain')).toEqual({
      region: 'us-east-1',
      accountId: '000000000000',
      name: 'plain',
    });
    expect(parseFunctionArn('my-fn')).toBeUndefined();
  });

  it('fills ${stageVariables.name} before the ARN is read', () => {
    const uri =
      'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:fn:${stageVariables.alias}/invocations';
    const filled = withStageVariables(uri, { alias: 'prod' });
    expect(parseFunctionArn(lambdaFunctionArn(filled) ?? '')?.qualifier).toBe('prod');
  });
});

describe('HTTP_PROXY integration URLs', () => {
  it('puts raw path parameters into {name} and {name+} and appends the query string', () => {
    expect(integrationUrl('http://backend/api/{proxy}', { proxy: 'a/b%2Fc' }, 'x=1&x=2')).toBe('http://backend/api/a/b%2Fc?x=1&x=2');
    expect(integrationUrl('http://backend/items/{id}?fixed=1', { id: '42' }, 'q=2')).toBe('http://backend/items/42?fixed=1&q=2');
  });
});
