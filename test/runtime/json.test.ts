import { describe, expect, it } from 'vitest';
import { readJsonBody, readJsonPayload, writeJsonBody, writeJsonPayload } from '../../src/runtime/bindings.js';
import { SerializationError } from '../../src/runtime/errors.js';
import { parseJsonBody } from '../../src/runtime/json-read.js';
import { memoizeJson, serializeJsonBody } from '../../src/runtime/json-write.js';
import { getHeader, setHeader } from '../../src/runtime/request.js';
import type { MemberSchema, ShapeRegistry } from '../../src/runtime/schema.js';
import { bodyText, emptyResponse, fakeRequest } from './fake-request.js';

const shapes: ShapeRegistry = {
  String: { type: 'string', name: 'String' },
  Byte: { type: 'byte', name: 'Byte' },
  Integer: { type: 'integer', name: 'Integer' },
  Long: { type: 'long', name: 'Long' },
  Double: { type: 'double', name: 'Double' },
  Boolean: { type: 'boolean', name: 'Boolean' },
  Timestamp: { type: 'timestamp', name: 'Timestamp' },
  DateTime: { type: 'timestamp', name: 'DateTime', timestampFormat: 'date-time' },
  Blob: { type: 'blob', name: 'Blob' },
  Document: { type: 'document', name: 'Document' },
  Color: { type: 'enum', name: 'Color', values: ['RED', 'GREEN'] },
  StringList: { type: 'list', name: 'StringList', member: { name: 'member', target: 'String' } },
  SparseStringList: { type: 'list', name: 'SparseStringList', member: { name: 'member', target: 'String' }, sparse: true },
  StringMap: { type: 'map', name: 'StringMap', key: { name: 'key', target: 'String' }, value: { name: 'value', target: 'String' } },
  SparseStringMap: {
    type: 'map',
    name: 'SparseStringMap',
    key: { name: 'key', target: 'String' },
    value: { name: 'value', target: 'String' },
    sparse: true,
  },
  Greeting: { type: 'structure', name: 'Greeting', members: [{ name: 'hi', target: 'String', jsonName: 'Hi' }] },
  MyUnion: {
    type: 'union',
    name: 'MyUnion',
    members: [
      { name: 'int', target: 'Integer' },
      { name: 'string', target: 'String' },
      { name: 'greeting', target: 'Greeting' },
      { name: 'quit', target: 'smithy.api#Unit' },
    ],
  },
  AttributeValue: {
    type: 'union',
    name: 'AttributeValue',
    members: [
      { name: 'S', target: 'String' },
      { name: 'N', target: 'String' },
      { name: 'B', target: 'Blob' },
      { name: 'L', target: 'AttributeList' },
      { name: 'M', target: 'AttributeMap' },
    ],
  },
  AttributeList: { type: 'list', name: 'AttributeList', member: { name: 'member', target: 'AttributeValue' } },
  AttributeMap: {
    type: 'map',
    name: 'AttributeMap',
    key: { name: 'key', target: 'String' },
    value: { name: 'value', target: 'AttributeValue' },
  },
  PutItemInput: {
    type: 'structure',
    name: 'com.amazonaws.dynamodb#PutItemInput',
    members: [
      { name: 'TableName', target: 'String', required: true },
      { name: 'Item', target: 'AttributeMap', required: true },
    ],
  },
  Everything: {
    type: 'structure',
    name: 'Everything',
    members: [
      { name: 'str', target: 'String', jsonName: 'Str' },
      { name: 'byte', target: 'Byte' },
      { name: 'int', target: 'Integer' },
      { name: 'long', target: 'Long' },
      { name: 'dbl', target: 'Double' },
      { name: 'flag', target: 'Boolean' },
      { name: 'when', target: 'Timestamp' },
      { name: 'whenDateTime', target: 'DateTime' },
      { name: 'whenHttp', target: 'Timestamp', timestampFormat: 'http-date' },
      { name: 'data', target: 'Blob' },
      { name: 'doc', target: 'Document' },
      { name: 'color', target: 'Color' },
      { name: 'list', target: 'StringList' },
      { name: 'sparseList', target: 'SparseStringList' },
      { name: 'map', target: 'StringMap' },
      { name: 'sparseMap', target: 'SparseStringMap' },
      { name: 'nested', target: 'Greeting' },
      { name: 'choice', target: 'MyUnion' },
      { name: 'label', target: 'String', binding: { in: 'label', greedy: false } },
      { name: 'header', target: 'String', binding: { in: 'header', name: 'X-Header' } },
    ],
  },
};

function jsonRequest(body: string) {
  return fakeRequest({ headers: { 'content-type': 'application/json' }, body });
}

function parse(body: string, useJsonName = true): Record<string, unknown> {
  return parseJsonBody(body, shapes, 'Everything', useJsonName);
}

describe('reading JSON bodies', () => {
  it('reads members by jsonName for restJson1 and by member name for awsJson', () => {
    expect(parse('{"Str":"a","str":"b"}', true)).toEqual({ str: 'a' });
    expect(parse('{"Str":"a","str":"b"}', false)).toEqual({ str: 'b' });
    expect(parse('{"nested":{"Hi":"x","hi":"y"}}', true)).toEqual({ nested: { hi: 'x' } });
    expect(parse('{"nested":{"Hi":"x","hi":"y"}}', false)).toEqual({ nested: { hi: 'y' } });
  });

  it('converts timestamps by format: epoch-seconds numbers by default, strings for date-time and http-date', () => {
    expect(parse('{"when":1398796238.123,"whenDateTime":"2014-04-29T18:30:38Z","whenHttp":"Tue, 29 Apr 2014 18:30:38 GMT"}')).toEqual({
      when: new Date(Date.UTC(2014, 3, 29, 18, 30, 38, 123)),
      whenDateTime: new Date(Date.UTC(2014, 3, 29, 18, 30, 38)),
      whenHttp: new Date(Date.UTC(2014, 3, 29, 18, 30, 38)),
    });
  });

  it('decodes base64 blobs, special floats and documents', () => {
    expect(parse('{"data":"YmxvYg==","dbl":"-Infinity","doc":{"a":[1,null,{"b":true}]}}')).toEqual({
      data: new TextEncoder().encode('blob'),
      dbl: Number.NEGATIVE_INFINITY,
      doc: { a: [1, null, { b: true }] },
    });
  });

  it('ignores unknown keys, null members and members bound outside the body', () => {
    expect(parse('{"unknown":1,"Str":null,"label":"x","header":"y","int":5}')).toEqual({ int: 5 });
  });

  it('keeps nulls in sparse collections', () => {
    expect(parse('{"sparseList":["a",null],"sparseMap":{"k":null,"j":"v"}}')).toEqual({
      sparseList: ['a', null],
      sparseMap: { k: null, j: 'v' },
    });
  });

  it('reads a union with one member set, ignoring __type, including unit members', () => {
    expect(parse('{"choice":{"__type":"x#MyUnion","greeting":{"Hi":"hello"}}}')).toEqual({ choice: { greeting: { hi: 'hello' } } });
    expect(parse('{"choice":{"quit":{}}}')).toEqual({ choice: { quit: {} } });
  });

  it('reads nested DynamoDB attribute values with awsJson member names', async () => {
    const body =
      '{"TableName":"t","Item":{"id":{"S":"1"},"n":{"N":"007"},"b":{"B":"AAE="},"l":{"L":[{"S":"x"}]},"m":{"M":{"k":{"S":"v"}}}}}';
    expect(await readJsonBody(jsonRequest(body), shapes, 'PutItemInput', false)).toEqual({
      TableName: 't',
      Item: { id: { S: '1' }, n: { N: '007' }, b: { B: new Uint8Array([0, 1]) }, l: { L: [{ S: 'x' }] }, m: { M: { k: { S: 'v' } } } },
    });
  });

  it('keeps map keys such as __proto__ as plain data', () => {
    const value = parse('{"map":{"__proto__":"x","constructor":"y"}}');
    const map = value.map as Record<string, unknown>;
    expect(Object.keys(map)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
  });

  it('returns {} for an empty body and undefined for an empty payload', async () => {
    expect(await readJsonBody(jsonRequest(''), shapes, 'Everything', true)).toEqual({});
    const member: MemberSchema = { name: 'nested', target: 'Greeting', binding: { in: 'payload' } };
    expect(await readJsonPayload(jsonRequest(''), shapes, member)).toBeUndefined();
    expect(await readJsonPayload(jsonRequest('{"Hi":"there"}'), shapes, member)).toEqual({ hi: 'there' });
  });

  it('reads a document payload as any JSON value', async () => {
    const member: MemberSchema = { name: 'doc', target: 'Document', binding: { in: 'payload' } };
    expect(await readJsonPayload(jsonRequest('[1,"two",{"three":3}]'), shapes, member)).toEqual([1, 'two', { three: 3 }]);
  });
});

describe('rejecting malformed JSON', () => {
  const cases: Record<string, string> = {
    'unparseable text': '{"Str":',
    'a top-level array': '[]',
    'a string for an integer': '{"int":"123"}',
    'a fraction for an integer': '{"int":1.001}',
    'an integer out of range': '{"int":9223372000000000000}',
    'a byte out of range': '{"byte":128}',
    'a long out of range': '{"long":184467440737095500000}',
    'a string for a boolean': '{"flag":"true"}',
    'a number for a string': '{"Str":1}',
    'a string for a double other than NaN/Infinity': '{"dbl":"1.5"}',
    'a stringified epoch-seconds timestamp': '{"when":"1515531081"}',
    'a date-time string for an epoch-seconds timestamp': '{"when":"1985-04-12T23:20:50Z"}',
    'an http-date for a date-time timestamp': '{"whenDateTime":"Tue, 29 Apr 2014 18:30:38 GMT"}',
    'an epoch number for a date-time timestamp': '{"whenDateTime":1515531081}',
    'base64 without padding': '{"data":"YmxvYg="}',
    'url-safe base64': '{"data":"-_=="}',
    'a non-string blob': '{"data":[98,108]}',
    'null in a dense list': '{"list":["a",null]}',
    'null in a dense map': '{"map":{"a":null}}',
    'an object for a list': '{"list":{}}',
    'an array for a structure': '{"nested":[]}',
    'a union with two members': '{"choice":{"int":2,"string":"three"}}',
    'a union with a known and an unknown member': '{"choice":{"int":2,"unknownField":"three"}}',
    'a union with no members': '{"choice":{}}',
    'a union with only null members': '{"choice":{"int":null}}',
    'a union with only an unknown member': '{"choice":{"unknown":"hello"}}',
    'an array for a union': '{"choice":["int"]}',
  };
  for (const [what, body] of Object.entries(cases)) {
    it(`rejects ${what} with a 400 SerializationException`, async () => {
      await expect(readJsonBody(jsonRequest(body), shapes, 'Everything', true)).rejects.toMatchObject({
        code: 'SerializationException',
        httpStatus: 400,
      });
    });
  }

  it('names the first bad member in model order and its full path, whatever order the client sent', () => {
    // `int` comes before `list` in the model; the body sends `list` first.
    expect(() => parse('{"list":["a",1],"int":"x"}')).toThrow(
      'Invalid value for Everything.int: expected an integer within the range of a integer, got string "x"',
    );
    expect(() => parse('{"nested":{"Hi":1}}')).toThrow('Invalid value for Everything.nested.hi: expected a string, got number 1');
    expect(() => parse('{"map":{"k":["v"]}}')).toThrow('Invalid value for Everything.map.k: expected a string, got an array');
    expect(() => parse('{"list":["a",1]}')).toThrow('Invalid value for Everything.list[1]: expected a string, got number 1');
  });

  it('rejects bodies that are not UTF-8', async () => {
    await expect(readJsonBody(fakeRequest({ body: new Uint8Array([0x7b, 0xff, 0x7d]) }), shapes, 'Everything', true)).rejects.toThrow(
      SerializationError,
    );
  });
});

describe('writing JSON', () => {
  it('writes body members with jsonName, omitting unset members, and sets the content type', () => {
    const res = emptyResponse();
    writeJsonBody(
      res,
      shapes,
      'Everything',
      { str: 'a', int: 0, flag: false, nested: { hi: 'x' }, header: 'not in body', dbl: undefined },
      true,
    );
    expect(JSON.parse(bodyText(res))).toEqual({ Str: 'a', int: 0, flag: false, nested: { Hi: 'x' } });
    expect(getHeader(res, 'Content-Type')).toBe('application/json');
  });

  it('writes member names without jsonName for awsJson and keeps a content type the caller set', () => {
    const res = emptyResponse();
    setHeader(res, 'Content-Type', 'application/x-amz-json-1.0');
    writeJsonBody(res, shapes, 'Everything', { str: 'a', nested: { hi: 'x' } }, false);
    expect(bodyText(res)).toBe('{"str":"a","nested":{"hi":"x"}}');
    expect(getHeader(res, 'content-type')).toBe('application/x-amz-json-1.0');
  });

  it('always writes at least an empty object', () => {
    const res = emptyResponse();
    writeJsonBody(res, shapes, 'Everything', {}, true);
    expect(bodyText(res)).toBe('{}');
  });

  it('writes timestamps, blobs, special floats and documents', () => {
    const body = serializeJsonBody(
      shapes,
      'Everything',
      {
        when: new Date(Date.UTC(2025, 10, 29, 6, 49, 40, 123)),
        whenDateTime: new Date(Date.UTC(2025, 10, 29, 6, 49, 40)),
        whenHttp: new Date(Date.UTC(2025, 10, 29, 6, 49, 40)),
        data: new TextEncoder().encode('blob'),
        dbl: Number.NaN,
        doc: { any: ['json', 1, null] },
      },
      true,
    );
    expect(body).toBe(
      '{"dbl":"NaN","when":1764398980.123,"whenDateTime":"2025-11-29T06:49:40.000Z","whenHttp":"Sat, 29 Nov 2025 06:49:40 GMT",' +
        '"data":"YmxvYg==","doc":{"any":["json",1,null]}}',
    );
  });

  it('writes whole-second epoch timestamps as integers', () => {
    expect(serializeJsonBody(shapes, 'Everything', { when: new Date(Date.UTC(2025, 10, 29, 6, 49, 40)) }, true)).toBe(
      '{"when":1764398980}',
    );
  });

  it('keeps nulls in sparse collections and drops them from dense ones', () => {
    const body = serializeJsonBody(
      shapes,
      'Everything',
      { list: ['a', null], sparseList: ['a', null], map: { k: null, j: 'v' }, sparseMap: { k: null } },
      true,
    );
    expect(JSON.parse(body)).toEqual({ list: ['a'], sparseList: ['a', null], map: { j: 'v' }, sparseMap: { k: null } });
  });

  it('writes a union with its one member, including unit members', () => {
    expect(serializeJsonBody(shapes, 'Everything', { choice: { quit: {} } }, true)).toBe('{"choice":{"quit":{}}}');
  });

  it('writes a structure payload and sends no body for an unset one', () => {
    const member: MemberSchema = { name: 'nested', target: 'Greeting', binding: { in: 'payload' } };
    const res = emptyResponse();
    writeJsonPayload(res, shapes, member, { hi: 'there' });
    expect(bodyText(res)).toBe('{"Hi":"there"}');
    expect(getHeader(res, 'content-type')).toBe('application/json');
    const unset = emptyResponse();
    writeJsonPayload(unset, shapes, member, undefined);
    expect(unset.body).toBeUndefined();
  });

  it('keeps the text of a map only when its owner marked it unchanging', () => {
    const marked = { k: 'one' };
    const unmarked = { k: 'one' };
    memoizeJson(marked);
    expect(serializeJsonBody(shapes, 'Everything', { map: marked }, true)).toBe('{"map":{"k":"one"}}');
    expect(serializeJsonBody(shapes, 'Everything', { map: unmarked }, true)).toBe('{"map":{"k":"one"}}');
    // Changing a marked map breaks its owner's promise, which is what shows the text was kept.
    marked.k = 'two';
    unmarked.k = 'two';
    expect(serializeJsonBody(shapes, 'Everything', { map: marked }, true)).toBe('{"map":{"k":"one"}}');
    expect(serializeJsonBody(shapes, 'Everything', { map: unmarked }, true)).toBe('{"map":{"k":"two"}}');
  });

  it('throws a TypeError when a handler returns the wrong type', () => {
    expect(() => serializeJsonBody(shapes, 'Everything', { int: 'five' }, true)).toThrow(TypeError);
    expect(() => serializeJsonBody(shapes, 'Everything', { list: 'a' }, true)).toThrow(/Everything\.list/);
  });
});

describe('JSON round trips', () => {
  it('reads back exactly what it wrote for every kind of member', () => {
    const value = {
      str: 'héllo "quoted" \n \u2028 😀',
      byte: -128,
      int: 2147483647,
      long: 9007199254740991,
      dbl: 0.1,
      flag: true,
      when: new Date(Date.UTC(2026, 10, 29, 6, 49, 40, 123)),
      whenDateTime: new Date(Date.UTC(2026, 10, 29, 6, 49, 40, 7)),
      whenHttp: new Date(Date.UTC(2026, 10, 29, 6, 49, 40)),
      data: new Uint8Array([0, 255, 128]),
      doc: [{ nested: { deep: [true, false, null] } }, 'str', 1.5],
      color: 'RED',
      list: ['a', ''],
      sparseList: [null, 'b'],
      map: { '': 'empty key', k: 'v' },
      sparseMap: { gone: null },
      nested: { hi: 'x' },
      choice: { greeting: { hi: 'y' } },
    };
    for (const useJsonName of [true, false]) {
      const body = serializeJsonBody(shapes, 'Everything', value, useJsonName);
      expect(parseJsonBody(body, shapes, 'Everything', useJsonName)).toEqual(value);
    }
  });

  it('round trips special float values', () => {
    for (const dbl of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0.5, 1e300]) {
      expect(parseJsonBody(serializeJsonBody(shapes, 'Everything', { dbl }, true), shapes, 'Everything', true)).toEqual({ dbl });
    }
  });
});
