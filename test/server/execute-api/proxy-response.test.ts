/** Mapping a Lambda proxy result to HTTP, against aws-wire-checklist §6.3 (AWS-validated cases). */
import { describe, expect, it } from 'vitest';
import { mapProxyResponse } from '../../../src/server/execute-api/proxy-response.js';

const map = (result: unknown, binary: string[] = [], accept?: string) =>
  mapProxyResponse(Buffer.from(JSON.stringify(result)), binary, accept);

describe('the proxy response mapping', () => {
  it('gives 200 with an empty body for {"statusCode": 200}, and Content-Type application/json by default', () => {
    const out = map({ statusCode: 200 });
    expect(out?.status).toBe(200);
    expect(out?.body.length).toBe(0);
    expect(out?.headers).toEqual([['Content-Type', 'application/json']]);
  });

  it('gives 200 when statusCode is missing but other keys are there', () => {
    expect(map({ headers: { 'x-a': 'b' } })?.status).toBe(200);
  });

  it('refuses headers HTTP cannot carry: a newline or non-Latin-1 value, a name with a space', () => {
    expect(map({ statusCode: 200, headers: { 'x-a': 'one\ntwo' } })).toBeUndefined();
    expect(map({ statusCode: 200, multiValueHeaders: { 'x-a': ['ok', 'caf\u00e9 \u20ac'] } })).toBeUndefined();
    expect(map({ statusCode: 200, headers: { 'bad name': 'v' } })).toBeUndefined();
    expect(map({ statusCode: 200, headers: { 'x-latin': 'caf\u00e9', 'x-tab': 'a\tb' } })?.headers).toEqual([
      ['x-latin', 'caf\u00e9'],
      ['x-tab', 'a\tb'],
      ['Content-Type', 'application/json'],
    ]);
  });

  it('accepts a numeric string statusCode and refuses a non-numeric one', () => {
    expect(map({ statusCode: '201', body: 'x' })?.status).toBe(201);
    expect(map({ statusCode: 'test' })).toBeUndefined();
  });

  it('stringifies non-string header values and accepts null headers', () => {
    expect(map({ statusCode: 200, headers: { 'header-bool': true, n: 5 } })?.headers).toEqual([
      ['header-bool', 'true'],
      ['n', '5'],
      ['Content-Type', 'application/json'],
    ]);
    expect(map({ statusCode: 200, headers: null })?.status).toBe(200);
  });

  it('delivers multiValueHeaders as separate lines, multi-value entries first, matched case-insensitively', () => {
    const out = map({
      statusCode: 200,
      headers: { 'content-type': 'text/plain', 'Set-Cookie': 'c=3', 'x-solo': 'value-solo' },
      multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'], 'X-Solo': ['value-multi'] },
    });
    expect(out?.headers).toEqual([
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      ['set-cookie', 'c=3'],
      ['X-Solo', 'value-multi'],
      ['X-Solo', 'value-solo'],
      ['content-type', 'text/plain'],
    ]);
  });

  it('refuses a string in multiValueHeaders, an unknown key, an empty object, a bare string and a non-string body', () => {
    expect(map({ statusCode: 200, multiValueHeaders: { k: 'v' } })).toBeUndefined();
    expect(map({ statusCode: 200, wrongValue: 1 })).toBeUndefined();
    expect(map({})).toBeUndefined();
    expect(map('justAString')).toBeUndefined();
    expect(map({ statusCode: 200, body: { a: 1 } })).toBeUndefined();
    expect(mapProxyResponse(Buffer.from('not json'), [], undefined)).toBeUndefined();
  });

  it('decodes an isBase64Encoded body only when the first Accept type is a binary media type', () => {
    const result = { statusCode: 200, body: Buffer.from('test-data').toString('base64'), isBase64Encoded: true };
    expect(map(result)?.body.toString()).toBe('dGVzdC1kYXRh');
    expect(map(result, ['image/png'], 'text/html')?.body.toString()).toBe('dGVzdC1kYXRh');
    expect(map(result, ['image/png'], 'image/png')?.body.toString()).toBe('test-data');
    expect(map(result, ['*/*'], 'text/html,application/xhtml+xml')?.body.toString()).toBe('test-data');
  });

  it("drops the function's Content-Length and other framing headers, which the server computes", () => {
    const out = map({
      statusCode: 200,
      multiValueHeaders: { 'Content-Type': ['text/plain'], 'Content-Length': ['999'], Connection: ['close'] },
      body: 'hi',
    });
    expect(out?.headers).toEqual([['Content-Type', 'text/plain']]);
  });
});
