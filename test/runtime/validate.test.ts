import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ShapeRegistry } from '../../src/runtime/schema.js';
import { validateShape } from '../../src/runtime/validate.js';

const shapes: ShapeRegistry = {
  String: { type: 'string', name: 'String' },
  Integer: { type: 'integer', name: 'Integer' },
  Long: { type: 'long', name: 'Long' },
  Boolean: { type: 'boolean', name: 'Boolean' },
  Timestamp: { type: 'timestamp', name: 'Timestamp' },
  Blob: { type: 'blob', name: 'Blob' },
  StreamingBlob: { type: 'blob', name: 'StreamingBlob', streaming: true },
  Document: { type: 'document', name: 'Document' },
  StorageClass: { type: 'enum', name: 'StorageClass', values: ['STANDARD', 'GLACIER'] },
  Priority: { type: 'intEnum', name: 'Priority', values: [1, 2] },
  Bucket: {
    type: 'structure',
    name: 'Bucket',
    members: [
      { name: 'Name', target: 'String', required: true },
      { name: 'CreationDate', target: 'Timestamp' },
    ],
  },
  Buckets: { type: 'list', name: 'Buckets', member: { name: 'member', target: 'Bucket' } },
  SparseStrings: { type: 'list', name: 'SparseStrings', member: { name: 'member', target: 'String' }, sparse: true },
  ClassCounts: {
    type: 'map',
    name: 'ClassCounts',
    key: { name: 'key', target: 'StorageClass' },
    value: { name: 'value', target: 'Integer' },
  },
  Choice: {
    type: 'union',
    name: 'Choice',
    members: [
      { name: 'a', target: 'String' },
      { name: 'b', target: 'Integer' },
    ],
  },
  Output: {
    type: 'structure',
    name: 'com.example#Output',
    members: [
      { name: 'Buckets', target: 'Buckets' },
      { name: 'Owner', target: 'String', required: true },
      { name: 'Count', target: 'Integer' },
      { name: 'Size', target: 'Long' },
      { name: 'Flag', target: 'Boolean' },
      { name: 'Class', target: 'StorageClass' },
      { name: 'Priority', target: 'Priority' },
      { name: 'Data', target: 'Blob' },
      { name: 'Body', target: 'StreamingBlob' },
      { name: 'Doc', target: 'Document' },
      { name: 'Sparse', target: 'SparseStrings' },
      { name: 'Counts', target: 'ClassCounts' },
      { name: 'Choice', target: 'Choice' },
    ],
  },
};

describe('validateShape', () => {
  it('returns no violations for a valid value', () => {
    const value = {
      Buckets: [{ Name: 'b', CreationDate: new Date() }],
      Owner: 'me',
      Count: 3,
      Size: 5368709120000,
      Flag: false,
      Class: 'GLACIER',
      Priority: 2,
      Data: new Uint8Array([1]),
      Body: 'text body',
      Doc: { any: ['json', 1, null, true] },
      Sparse: ['a', null],
      Counts: { STANDARD: 1 },
      Choice: { b: 1 },
    };
    expect(validateShape(shapes, 'Output', value)).toEqual([]);
  });

  it('reports missing required members with their path', () => {
    expect(validateShape(shapes, 'Output', { Buckets: [{ CreationDate: new Date() }] })).toEqual([
      'Output.Buckets[0].Name: missing required member',
      'Output.Owner: missing required member',
    ]);
  });

  it('reports wrong JavaScript types', () => {
    const violations = validateShape(shapes, 'Output', {
      Owner: 42,
      Count: 1.5,
      Flag: 'true',
      Buckets: { Name: 'x' },
      Data: 'not bytes',
    });
    expect(violations).toEqual([
      'Output.Buckets: expected a list (array), got object',
      'Output.Owner: expected a string, got number 42',
      'Output.Count: expected an integer (integer), got number 1.5',
      'Output.Flag: expected a boolean, got string "true"',
      'Output.Data: expected a Uint8Array, got string "not bytes"',
    ]);
  });

  it('reports enum and intEnum values outside the enum', () => {
    expect(validateShape(shapes, 'Output', { Owner: 'o', Class: 'COLD', Priority: 3, Counts: { WARM: 1 } })).toEqual([
      'Output.Class: "COLD" is not one of ["STANDARD","GLACIER"]',
      'Output.Priority: 3 is not one of the intEnum values [1,2]',
      'Output.Counts{key "WARM"}: "WARM" is not one of ["STANDARD","GLACIER"]',
    ]);
  });

  it('reports unknown members', () => {
    expect(validateShape(shapes, 'Output', { Owner: 'o', Extra: 1, Buckets: [{ Name: 'n', name: 'typo' }] })).toEqual([
      'Output: unknown member "Extra"',
      'Output.Buckets[0]: unknown member "name"',
    ]);
  });

  it('reports unions without exactly one member set', () => {
    expect(validateShape(shapes, 'Choice', { a: 'x', b: 1 })).toEqual(['Choice: a union must have exactly one member set, found 2']);
    expect(validateShape(shapes, 'Choice', {})).toEqual(['Choice: a union must have exactly one member set, found 0']);
  });

  it('reports nulls in dense collections but allows them in sparse ones', () => {
    expect(validateShape(shapes, 'Output', { Owner: 'o', Buckets: [null], Sparse: [null] })).toEqual([
      'Output.Buckets[0]: null item in a dense list',
    ]);
  });

  it('accepts Uint8Array, string or Readable for streaming blobs only', () => {
    for (const Body of [new Uint8Array(0), 'text', Readable.from(['x'])]) {
      expect(validateShape(shapes, 'Output', { Owner: 'o', Body })).toEqual([]);
    }
    expect(validateShape(shapes, 'Output', { Owner: 'o', Body: 5 })).toEqual([
      'Output.Body: expected a Uint8Array, string or Readable stream, got number 5',
    ]);
  });

  it('rejects invalid dates and non-JSON documents', () => {
    expect(validateShape(shapes, 'Bucket', { Name: 'n', CreationDate: new Date(Number.NaN) })).toEqual([
      'Bucket.CreationDate: expected a valid Date, got Date',
    ]);
    expect(validateShape(shapes, 'Output', { Owner: 'o', Doc: { when: new Date(0) } })).toHaveLength(1);
  });

  it('uses the given path as the prefix', () => {
    expect(validateShape(shapes, 'Bucket', {}, 'response')).toEqual(['response.Name: missing required member']);
  });
});
