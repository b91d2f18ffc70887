/** The v1 proxy event builder against the rules of aws-wire-checklist §6.1 (AWS-validated snapshot shape). */
import { describe, expect, it } from 'vitest';
import { buildProxyEvent, type ProxyEventInput, requestTime } from '../../../src/server/execute-api/proxy-event.js';

function input(over: Partial<ProxyEventInput> = {}): ProxyEventInput {
  return {
    httpMethod: 'GET',
    path: '/proxy-value',
    stage: 'stage',
    rawQuery: '',
    headers: [
      ['Host', 'abc123defg.execute-api.localhost.localstack.cloud:4566'],
      ['User-Agent', 'python-requests/testing'],
      ['Accept', '*/*'],
      ['Connection', 'keep-alive'],
      ['tEsT-HEADeR', 'aValUE'],
    ],
    body: new Uint8Array(),
    sourceIp: '10.1.2.3',
    port: '4566',
    resourceId: 'res123',
    resourcePath: '/{proxy+}',
    pathParameters: { proxy: 'proxy-value' },
    stageVariables: undefined,
    apiId: 'abc123defg',
    accountId: '000000000000',
    deploymentId: 'dep123',
    requestId: '11111111-2222-3333-4444-555555555555',
    extendedRequestId: 'AbCdEfGhIjKlMnO=',
    binaryMediaTypes: [],
    includeContentLength: false,
    now: new Date(Date.UTC(2015, 3, 9, 12, 34, 56, 789)),
    ...over,
  };
}

describe('the REST API proxy event', () => {
  it('has exactly the v1 top-level keys, no version key, and null for absent maps and body', () => {
    const event = buildProxyEvent(input());
    expect(Object.keys(event).sort()).toEqual(
      [
        'body',
        'headers',
        'httpMethod',
        'isBase64Encoded',
        'multiValueHeaders',
        'multiValueQueryStringParameters',
        'path',
        'pathParameters',
        'queryStringParameters',
        'requestContext',
        'resource',
        'stageVariables',
      ].sort(),
    );
    expect(event).not.toHaveProperty('version');
    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
    expect(event.stageVariables).toBeNull();
    expect(event.body).toBeNull();
    expect(event.isBase64Encoded).toBe(false);
    expect(event.resource).toBe('/{proxy+}');
    expect(event.pathParameters).toEqual({ proxy: 'proxy-value' });
  });

  it('gives path without the stage and requestContext.path with it', () => {
    const event = buildProxyEvent(input({ path: '/proxy-value//double-slash' }));
    expect(event.path).toBe('/proxy-value//double-slash');
    expect(event.requestContext.path).toBe('/stage/proxy-value//double-slash');
  });

  it('does not percent-decode the path', () => {
    const event = buildProxyEvent(
      input({ path: '/users/test%2Balias@gmail.com/x', pathParameters: { proxy: 'users/test%2Balias@gmail.com/x' } }),
    );
    expect(event.path).toBe('/users/test%2Balias@gmail.com/x');
    expect(event.pathParameters).toEqual({ proxy: 'users/test%2Balias@gmail.com/x' });
  });

  it('decodes the query, keeps the last value in the single map and all values in order in the multi map', () => {
    const event = buildProxyEvent(input({ rawQuery: 'email=test%2Balias%40gmail.com&plus=test+alias&price=10&price=20&price=30&flag' }));
    expect(event.queryStringParameters).toEqual({ email: 'test+alias@gmail.com', plus: 'test alias', price: '30', flag: '' });
    expect(event.multiValueQueryStringParameters).toEqual({
      email: ['test+alias@gmail.com'],
      plus: ['test alias'],
      price: ['10', '20', '30'],
      flag: [''],
    });
  });

  it('keeps header casing, adds X-Forwarded-* and drops Connection and Content-Length', () => {
    const event = buildProxyEvent(
      input({ headers: [...input().headers, ['Content-Length', '5'], ['X-Multi', 'a'], ['X-Multi', 'b']], body: Buffer.from('hello') }),
    );
    expect(event.headers?.['tEsT-HEADeR']).toBe('aValUE');
    expect(event.headers?.Host).toBe('abc123defg.execute-api.localhost.localstack.cloud:4566');
    expect(event.headers?.['X-Forwarded-For']).toBe('10.1.2.3');
    expect(event.headers?.['X-Forwarded-Port']).toBe('4566');
    expect(event.headers?.['X-Forwarded-Proto']).toBe('http');
    expect(event.headers?.['X-Amzn-Trace-Id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(event.headers).not.toHaveProperty('Connection');
    expect(event.headers).not.toHaveProperty('Content-Length');
    expect(event.headers?.['X-Multi']).toBe('b');
    expect(event.multiValueHeaders?.['X-Multi']).toEqual(['a', 'b']);
    expect(event.multiValueHeaders?.['tEsT-HEADeR']).toEqual(['aValUE']);
    for (const [name, value] of Object.entries(event.headers ?? {})) expect(event.multiValueHeaders?.[name]?.at(-1)).toBe(value);
  });

  it('keeps Content-Length when the switch is on', () => {
    const event = buildProxyEvent(
      input({ headers: [...input().headers, ['Content-Length', '5']], body: Buffer.from('hello'), includeContentLength: true }),
    );
    expect(event.headers?.['Content-Length']).toBe('5');
  });

  it('adds Content-Length from the body when the switch is on and the client sent the body chunked', () => {
    const event = buildProxyEvent(input({ httpMethod: 'POST', body: Buffer.from('hello'), includeContentLength: true }));
    expect(event.headers?.['Content-Length']).toBe('5');
    const off = buildProxyEvent(input({ httpMethod: 'POST', body: Buffer.from('hello') }));
    expect(off.headers).not.toHaveProperty('Content-Length');
  });

  it('appends the source address to a client X-Forwarded-For', () => {
    const event = buildProxyEvent(input({ headers: [...input().headers, ['X-Forwarded-For', '192.0.2.1']] }));
    expect(event.headers?.['X-Forwarded-For']).toBe('192.0.2.1, 10.1.2.3');
  });

  it('fills requestContext with every key, identity nulls except sourceIp and userAgent', () => {
    const event = buildProxyEvent(input({ stageVariables: { env: 'dev' } }));
    expect(event.stageVariables).toEqual({ env: 'dev' });
    expect(event.requestContext).toEqual({
      resourceId: 'res123',
      resourcePath: '/{proxy+}',
      httpMethod: 'GET',
      extendedRequestId: 'AbCdEfGhIjKlMnO=',
      requestTime: '09/Apr/2015:12:34:56 +0000',
      path: '/stage/proxy-value',
      accountId: '000000000000',
      protocol: 'HTTP/1.1',
      stage: 'stage',
      domainPrefix: 'abc123defg',
      requestTimeEpoch: Date.UTC(2015, 3, 9, 12, 34, 56, 789),
      requestId: '11111111-2222-3333-4444-555555555555',
      identity: {
        cognitoIdentityPoolId: null,
        accountId: null,
        cognitoIdentityId: null,
        caller: null,
        sourceIp: '10.1.2.3',
        principalOrgId: null,
        accessKey: null,
        cognitoAuthenticationType: null,
        cognitoAuthenticationProvider: null,
        userArn: null,
        userAgent: 'python-requests/testing',
        user: null,
      },
      domainName: 'abc123defg.execute-api.localhost.localstack.cloud',
      deploymentId: 'dep123',
      apiId: 'abc123defg',
    });
  });

  it('passes a text body as text and a binary body as base64 only when its Content-Type is a binary media type', () => {
    const bytes = Buffer.from([0xff, 0x00, 0x89, 0x50]);
    const text = buildProxyEvent(
      input({
        httpMethod: 'POST',
        headers: [['Content-Type', 'application/json']],
        body: Buffer.from('{"a":1}'),
        binaryMediaTypes: ['image/png'],
      }),
    );
    expect(text.body).toBe('{"a":1}');
    expect(text.isBase64Encoded).toBe(false);
    const binary = buildProxyEvent(
      input({ httpMethod: 'POST', headers: [['Content-Type', 'image/png']], body: bytes, binaryMediaTypes: ['image/png'] }),
    );
    expect(binary.body).toBe(bytes.toString('base64'));
    expect(binary.isBase64Encoded).toBe(true);
    const wildcard = buildProxyEvent(
      input({ httpMethod: 'POST', headers: [['Content-Type', 'multipart/form-data; boundary=x']], body: bytes, binaryMediaTypes: ['*/*'] }),
    );
    expect(wildcard.isBase64Encoded).toBe(true);
  });

  it('formats requestTime as API Gateway does', () => {
    expect(requestTime(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('02/Jan/2026:03:04:05 +0000');
  });
});
