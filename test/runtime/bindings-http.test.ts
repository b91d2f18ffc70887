import { describe, expect, it } from 'vitest';
import {
  readBlobPayload,
  readHeader,
  readHeaderList,
  readLabel,
  readLabelValue,
  readPrefixHeaders,
  readQuery,
  readQueryList,
  readQueryParams,
  readQueryParamsList,
  readStringPayload,
  writeHeader,
  writeHeaderList,
  writePrefixHeaders,
} from '../../src/runtime/bindings.js';
import { SerializationError } from '../../src/runtime/errors.js';
import { emptyResponse, fakeRequest } from './fake-request.js';

const dec16 = new Date(Date.UTC(2019, 11, 16, 23, 48, 18));

describe('reading headers', () => {
  it('reads typed headers case-insensitively and returns undefined when absent', () => {
    const req = fakeRequest({
      headers: {
        'X-String': 'Hello, world',
        'X-Integer': '123',
        'X-Float': '1.1',
        'X-Boolean1': 'true',
        'X-Date': 'Mon, 16 Dec 2019 23:48:18 GMT',
      },
    });
    expect(readHeader(req, 'X-String', 'string')).toBe('Hello, world');
    expect(readHeader(req, 'x-integer', 'integer')).toBe(123);
    expect(readHeader(req, 'X-Float', 'float')).toBe(1.1);
    expect(readHeader(req, 'X-Boolean1', 'boolean')).toBe(true);
    expect(readHeader(req, 'X-Date', 'timestamp')).toEqual(dec16);
    expect(readHeader(req, 'X-Missing', 'string')).toBeUndefined();
  });

  it('reads timestamps in the member format when one is given', () => {
    const req = fakeRequest({ headers: { 'x-epoch': '1576540098', 'x-dt': '2019-12-16T23:48:18Z' } });
    expect(readHeader(req, 'X-Epoch', 'timestamp', 'epoch-seconds')).toEqual(dec16);
    expect(readHeader(req, 'X-Dt', 'timestamp', 'date-time')).toEqual(dec16);
    expect(() => readHeader(req, 'X-Epoch', 'timestamp')).toThrow(SerializationError);
  });

  it('rejects a malformed typed header with a message naming the header', () => {
    const req = fakeRequest({ headers: { 'x-integer': '1.5' } });
    expect(() => readHeader(req, 'X-Integer', 'integer')).toThrow(/header X-Integer/);
  });

  it('reads header lists of strings, integers, booleans and http-dates', () => {
    const req = fakeRequest({
      headers: {
        'x-stringlist': '"b,c", "\\"def\\"", a',
        'x-integerlist': '1, 2, 3',
        'x-booleanlist': 'true, false, true',
        'x-timestamplist': 'Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT',
        'x-empty': '',
      },
    });
    expect(readHeaderList(req, 'X-StringList', 'string')).toEqual(['b,c', '"def"', 'a']);
    expect(readHeaderList(req, 'X-IntegerList', 'integer')).toEqual([1, 2, 3]);
    expect(readHeaderList(req, 'X-BooleanList', 'boolean')).toEqual([true, false, true]);
    expect(readHeaderList(req, 'X-TimestampList', 'timestamp')).toEqual([dec16, dec16]);
    expect(readHeaderList(req, 'X-Empty', 'string')).toEqual([]);
    expect(readHeaderList(req, 'X-Missing', 'string')).toBeUndefined();
  });

  it('decodes base64 media-type JSON headers', () => {
    expect(readHeader(fakeRequest({ headers: { 'x-json': 'dHJ1ZQ==' } }), 'X-Json', 'json')).toBe('true');
  });

  it('collects prefix headers with the prefix stripped and lower-case names', () => {
    const req = fakeRequest({ headers: { 'X-Amz-Meta-Color': 'blue', 'x-amz-meta-Size': 'L', 'content-type': 'text/plain' } });
    expect(readPrefixHeaders(req, 'X-Amz-Meta-')).toEqual({ color: 'blue', size: 'L' });
    expect(readPrefixHeaders(req, 'x-foo-')).toBeUndefined();
  });

  it('binds every unbound header to an empty prefix', () => {
    const req = fakeRequest({ headers: { 'x-foo': 'Foo', hello: 'Hello' } });
    expect(readPrefixHeaders(req, '', ['X-Foo'])).toEqual({ hello: 'Hello' });
  });
});

describe('reading query strings and labels', () => {
  it('reads the first value of a query parameter, typed', () => {
    const req = fakeRequest({ query: 'max-keys=10&prefix=a%2Fb&prefix=other&flag=true&t=2019-12-16T23%3A48%3A18Z&empty=' });
    expect(readQuery(req, 'max-keys', 'integer')).toBe(10);
    expect(readQuery(req, 'prefix', 'string')).toBe('a/b');
    expect(readQuery(req, 'flag', 'boolean')).toBe(true);
    expect(readQuery(req, 't', 'timestamp')).toEqual(dec16);
    expect(readQuery(req, 'empty', 'string')).toBe('');
    expect(readQuery(req, 'missing', 'string')).toBeUndefined();
  });

  it('reads repeated query parameters as a list', () => {
    const req = fakeRequest({ query: 'id=1&id=2&x=y' });
    expect(readQueryList(req, 'id', 'integer')).toEqual([1, 2]);
    expect(readQueryList(req, 'none', 'integer')).toBeUndefined();
  });

  it('rejects malformed typed query values', () => {
    expect(() => readQuery(fakeRequest({ query: 'n=2ABC' }), 'n', 'integer')).toThrow(SerializationError);
  });

  it('maps unbound query parameters, excluding bound ones', () => {
    const req = fakeRequest({ query: 'bound=1&a=x&b=y&a=z' });
    expect(readQueryParams(req, ['bound'])).toEqual({ a: 'x', b: 'y' });
    expect(readQueryParamsList(req, ['bound'])).toEqual({ a: ['x', 'z'], b: ['y'] });
    expect(readQueryParams(fakeRequest({ query: 'bound=1' }), ['bound'])).toBeUndefined();
  });

  it('reads labels as strings or typed values', () => {
    const req = fakeRequest({ labels: { Bucket: 'my-bucket', n: '42', when: '2019-12-16T23:48:18Z', bad: '1.5' } });
    expect(readLabel(req, 'Bucket')).toBe('my-bucket');
    expect(readLabelValue(req, 'n', 'integer')).toBe(42);
    expect(readLabelValue(req, 'when', 'timestamp')).toEqual(dec16);
    expect(() => readLabelValue(req, 'bad', 'integer')).toThrow(SerializationError);
    expect(readLabel(req, 'missing')).toBeUndefined();
  });
});

describe('writing headers', () => {
  it('formats typed values and skips null and undefined', () => {
    const res = emptyResponse();
    writeHeader(res, 'X-String', 'Hello', 'string');
    writeHeader(res, 'X-Integer', 123, 'integer');
    writeHeader(res, 'X-Boolean', false, 'boolean');
    writeHeader(res, 'Last-Modified', dec16, 'timestamp');
    writeHeader(res, 'X-Json', 'true', 'json');
    writeHeader(res, 'X-Empty', '', 'string');
    writeHeader(res, 'X-Null', null, 'string');
    writeHeader(res, 'X-Undefined', undefined, 'string');
    expect(res.headers).toEqual([
      ['X-String', 'Hello'],
      ['X-Integer', '123'],
      ['X-Boolean', 'false'],
      ['Last-Modified', 'Mon, 16 Dec 2019 23:48:18 GMT'],
      ['X-Json', 'dHJ1ZQ=='],
      ['X-Empty', ''],
    ]);
  });

  it('writes lists with quoting and empty lists as empty headers', () => {
    const res = emptyResponse();
    writeHeaderList(res, 'X-StringList', ['b,c', '"def"', 'a'], 'string');
    writeHeaderList(res, 'X-IntegerList', [1, 2, 3], 'integer');
    writeHeaderList(res, 'X-Dates', [dec16, dec16], 'timestamp');
    writeHeaderList(res, 'X-Empty', [], 'string');
    writeHeaderList(res, 'X-Absent', undefined, 'string');
    expect(res.headers).toEqual([
      ['X-StringList', '"b,c", "\\"def\\"", a'],
      ['X-IntegerList', '1, 2, 3'],
      ['X-Dates', 'Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT'],
      ['X-Empty', ''],
    ]);
  });

  it('writes prefix headers by prepending the prefix to each key', () => {
    const res = emptyResponse();
    writePrefixHeaders(res, 'x-amz-meta-', { color: 'blue', size: 'L' });
    writePrefixHeaders(res, 'x-amz-meta-', undefined);
    expect(res.headers).toEqual([
      ['x-amz-meta-color', 'blue'],
      ['x-amz-meta-size', 'L'],
    ]);
  });
});

describe('blob and string payloads', () => {
  it('returns the raw body bytes, or undefined when the body is empty', async () => {
    expect(await readBlobPayload(fakeRequest({ body: 'blobby blob blob' }))).toEqual(new TextEncoder().encode('blobby blob blob'));
    expect(await readBlobPayload(fakeRequest())).toBeUndefined();
  });

  it('decodes string payloads as UTF-8 and rejects invalid UTF-8', async () => {
    expect(await readStringPayload(fakeRequest({ body: 'héllo' }))).toBe('héllo');
    expect(await readStringPayload(fakeRequest())).toBeUndefined();
    await expect(readStringPayload(fakeRequest({ body: new Uint8Array([0xff, 0xfe, 0xfd]) }))).rejects.toThrow(SerializationError);
  });
});
