import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ShapeAst, SmithyAst } from '../../codegen/model/ast.js';
import { c2jToSmithy } from '../../codegen/sources/c2j.js';
import { compareModels } from '../../codegen/sources/c2j-compare.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const c2jDynamoDbPath = resolve(repoRoot, process.env.STANDIN_C2J_DYNAMODB ?? '.cache/models/sources/botocore/dynamodb.c2j.json');
const smithyDynamoDbPath = resolve(repoRoot, process.env.STANDIN_SMITHY_DYNAMODB ?? '.cache/models/sources/maven/dynamodb.smithy.json');

function readJson(path: string): unknown {
  if (!existsSync(path)) throw new Error(`${path} is missing: fetch the models first (npm run codegen)`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** A one-operation C2J model; `shapes` must define the input shape `In` (and anything it targets). */
function c2jModel(protocol: 'rest-json' | 'rest-xml', operation: Record<string, unknown>, shapes: Record<string, unknown>) {
  return {
    version: '2.0',
    metadata: {
      apiVersion: '2015-07-09',
      endpointPrefix: 'example',
      protocol,
      protocols: [protocol],
      serviceId: 'Example',
      signatureVersion: 'v4',
      uid: 'example-2015-07-09',
    },
    operations: { Op: { name: 'Op', input: { shape: 'In' }, ...operation } },
    shapes,
  };
}

function convert(model: unknown): SmithyAst {
  return c2jToSmithy(model, { serviceShapeId: 'com.example#Example' });
}

function shape(ast: SmithyAst, name: string): ShapeAst {
  const found = ast.shapes[`com.example#${name}`];
  if (found === undefined) throw new Error(`no shape ${name}`);
  return found;
}

describe('c2jToSmithy on the DynamoDB model', () => {
  it('matches the official Smithy model on everything a server needs, apart from operations and members one release lacks', () => {
    const converted = c2jToSmithy(readJson(c2jDynamoDbPath), { serviceShapeId: 'com.amazonaws.dynamodb#DynamoDB_20120810' });
    const official = readJson(smithyDynamoDbPath) as SmithyAst;
    const differences = compareModels(converted, official).filter(
      (line) =>
        !line.startsWith('only-in-') &&
        // C2J predates Smithy unions for AttributeValue, so botocore still calls it a structure;
        // the JSON on the wire is identical (an object with exactly one key).
        !/: target AttributeValue type a=structure b=union$/.test(line),
    );
    expect(differences).toEqual([]);
  });
});

describe('c2jToSmithy', () => {
  it('renames URI labels from their locationName to the member name and keeps literal query parts', () => {
    const ast = convert(
      c2jModel(
        'rest-json',
        { http: { method: 'GET', requestUri: '/restapis/{restapi_id}/files/{file_path+}?mode=raw', responseCode: 200 } },
        {
          In: {
            type: 'structure',
            required: ['restApiId', 'path'],
            members: {
              restApiId: { shape: 'S', location: 'uri', locationName: 'restapi_id' },
              path: { shape: 'S', location: 'uri', locationName: 'file_path' },
            },
          },
          S: { type: 'string' },
        },
      ),
    );
    expect(shape(ast, 'Op').traits?.['smithy.api#http']).toEqual({
      method: 'GET',
      uri: '/restapis/{restApiId}/files/{path+}?mode=raw',
      code: 200,
    });
    expect(shape(ast, 'In').members?.restApiId?.traits).toEqual({ 'smithy.api#httpLabel': {}, 'smithy.api#required': {} });
  });

  it('puts xmlFlattened on members targeting a flattened list and keeps element names as xmlName', () => {
    const ast = convert(
      c2jModel(
        'rest-xml',
        { http: { method: 'POST', requestUri: '/' } },
        {
          In: {
            type: 'structure',
            members: { Items: { shape: 'ItemList', locationName: 'Item' }, Names: { shape: 'NameList' } },
          },
          ItemList: { type: 'list', member: { shape: 'S' }, flattened: true },
          NameList: { type: 'list', member: { shape: 'S', locationName: 'Name' } },
          S: { type: 'string' },
        },
      ),
    );
    const members = shape(ast, 'In').members;
    expect(members?.Items?.traits).toEqual({ 'smithy.api#xmlFlattened': {}, 'smithy.api#xmlName': 'Item' });
    expect(members?.Names?.traits).toBeUndefined();
    expect(shape(ast, 'ItemList').traits).toBeUndefined();
    expect(shape(ast, 'NameList').member).toEqual({ target: 'com.example#S', traits: { 'smithy.api#xmlName': 'Name' } });
  });

  it('binds header, query, query-map, prefix-header and status-code members', () => {
    const ast = convert(
      c2jModel(
        'rest-json',
        { http: { method: 'GET', requestUri: '/' }, output: { shape: 'Out' } },
        {
          In: {
            type: 'structure',
            members: {
              Token: { shape: 'S', location: 'header', locationName: 'x-token' },
              Limit: { shape: 'N', location: 'querystring', locationName: 'limit' },
              Params: { shape: 'M', location: 'querystring' },
            },
          },
          Out: {
            type: 'structure',
            members: {
              Meta: { shape: 'M', location: 'headers', locationName: 'x-meta-' },
              Status: { shape: 'N', location: 'statusCode' },
              Body: { shape: 'S', locationName: 'body' },
            },
          },
          S: { type: 'string' },
          N: { type: 'integer', box: true },
          M: { type: 'map', key: { shape: 'S' }, value: { shape: 'S' } },
        },
      ),
    );
    const input = shape(ast, 'In').members;
    expect(input?.Token?.traits).toEqual({ 'smithy.api#httpHeader': 'x-token' });
    expect(input?.Limit?.traits).toEqual({ 'smithy.api#httpQuery': 'limit' });
    expect(input?.Params?.traits).toEqual({ 'smithy.api#httpQueryParams': {} });
    const output = shape(ast, 'Out').members;
    expect(output?.Meta?.traits).toEqual({ 'smithy.api#httpPrefixHeaders': 'x-meta-' });
    expect(output?.Status?.traits).toEqual({ 'smithy.api#httpResponseCode': {} });
    expect(output?.Body?.traits).toEqual({ 'smithy.api#jsonName': 'body' });
    expect(shape(ast, 'In').traits).toEqual({ 'smithy.api#input': {} });
    expect(shape(ast, 'Out').traits).toEqual({ 'smithy.api#output': {} });
  });

  it('turns exceptions into error traits, with httpError only when C2J gives a status and the wire code when it differs', () => {
    const ast = convert(
      c2jModel(
        'rest-json',
        { http: { method: 'GET', requestUri: '/' }, errors: [{ shape: 'NotFound' }, { shape: 'Boom' }, { shape: 'Plain' }] },
        {
          In: { type: 'structure', members: {} },
          NotFound: {
            type: 'structure',
            members: {},
            exception: true,
            error: { code: 'NoSuchThing', httpStatusCode: 404, senderFault: true },
          },
          Boom: { type: 'structure', members: {}, exception: true, fault: true, error: { httpStatusCode: 503 } },
          Plain: { type: 'structure', members: {}, exception: true },
        },
      ),
    );
    expect(shape(ast, 'NotFound').traits).toEqual({
      'aws.protocols#awsQueryError': { code: 'NoSuchThing', httpResponseCode: 404 },
      'smithy.api#error': 'client',
      'smithy.api#httpError': 404,
    });
    expect(shape(ast, 'Boom').traits).toEqual({ 'smithy.api#error': 'server', 'smithy.api#httpError': 503 });
    expect(shape(ast, 'Plain').traits).toEqual({ 'smithy.api#error': 'client' });
    expect(shape(ast, 'Op').errors?.map((e) => e.target)).toEqual(['com.example#NotFound', 'com.example#Boom', 'com.example#Plain']);
  });

  it('turns a string enum into an enum shape with one identifier-named member per distinct value', () => {
    const ast = convert(
      c2jModel(
        'rest-json',
        { http: { method: 'GET', requestUri: '/' } },
        {
          In: { type: 'structure', members: { Runtime: { shape: 'Runtime' } } },
          Runtime: { type: 'string', enum: ['nodejs4.3', 'nodejs43', 'java8.al2', '3rd', 'nodejs4.3', 'nodejs4-3'] },
        },
      ),
    );
    const runtime = shape(ast, 'Runtime');
    expect(runtime.type).toBe('enum');
    const members = Object.entries(runtime.members ?? {});
    expect(members.map(([, m]) => m.traits?.['smithy.api#enumValue'])).toEqual(['nodejs4.3', 'nodejs43', 'java8.al2', '3rd', 'nodejs4-3']);
    for (const [name] of members) expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    expect(new Set(members.map(([name]) => name)).size).toBe(5);
  });

  it('leaves no documentation text anywhere in the output', () => {
    const model = c2jModel(
      'rest-json',
      { http: { method: 'GET', requestUri: '/' }, documentation: '<p>op docs</p>' },
      {
        In: {
          type: 'structure',
          documentation: '<p>shape docs</p>',
          members: { A: { shape: 'S', documentation: '<p>member docs</p>', deprecated: true, deprecatedMessage: 'use B' } },
        },
        S: { type: 'string', documentation: '<p>string docs</p>' },
      },
    );
    const text = JSON.stringify(convert({ ...model, documentation: '<p>service docs</p>' }));
    expect(text).not.toMatch(/docs|use B|documentation/);
    expect(text).toContain('"smithy.api#deprecated":{}');
  });

  it('refuses a C2J key it does not know, naming the shape, member and key', () => {
    const model = c2jModel(
      'rest-json',
      { http: { method: 'GET', requestUri: '/' } },
      {
        In: { type: 'structure', members: { A: { shape: 'S', queryName: 'a' } } },
        S: { type: 'string' },
      },
    );
    expect(() => convert(model)).toThrow(/shape In member A: unsupported key "queryName"/);
  });
});

describe('compareModels', () => {
  const official = (uri: string, extraOperation: boolean): SmithyAst => ({
    smithy: '2.0',
    shapes: {
      'com.example#Example': {
        type: 'service',
        operations: [{ target: 'com.example#Op' }, ...(extraOperation ? [{ target: 'com.example#Extra' }] : [])],
        traits: { 'aws.protocols#restJson1': {} },
      },
      'com.example#Op': {
        type: 'operation',
        input: { target: 'com.example#In' },
        output: { target: 'smithy.api#Unit' },
        traits: { 'smithy.api#http': { method: 'GET', uri, code: 200 } },
      },
      'com.example#Extra': { type: 'operation', traits: { 'smithy.api#http': { method: 'GET', uri: '/x', code: 200 } } },
      'com.example#In': { type: 'structure', members: {} },
    },
  });

  it('ignores the S3 ?x-id= routing literal and lists operations of one model only with an only-in prefix', () => {
    expect(compareModels(official('/{Key+}?x-id=Op', true), official('/{Key+}', false))).toEqual(['only-in-a: operation Extra']);
  });

  it('reports a changed HTTP binding', () => {
    expect(compareModels(official('/a', false), official('/b', false))).toEqual([
      'Op: http a={"method":"GET","uri":"/a","code":200} b={"method":"GET","uri":"/b","code":200}',
    ]);
  });
});
