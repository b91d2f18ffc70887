/** Shapes shared by the XML reader and writer tests: S3-like shapes plus Smithy restXml protocol-test shapes. */
import type { AwsRequest } from '../../src/runtime/request.js';
import type { MemberSchema, ShapeRegistry } from '../../src/runtime/schema.js';
import { fakeRequest } from './fake-request.js';

export const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

export const shapes: ShapeRegistry = {
  String: { type: 'string', name: 'String' },
  Integer: { type: 'integer', name: 'Integer' },
  Long: { type: 'long', name: 'Long' },
  Double: { type: 'double', name: 'Double' },
  Boolean: { type: 'boolean', name: 'Boolean' },
  Timestamp: { type: 'timestamp', name: 'Timestamp' },
  Blob: { type: 'blob', name: 'Blob' },
  StorageClass: { type: 'enum', name: 'StorageClass', values: ['STANDARD', 'GLACIER'] },
  StringList: { type: 'list', name: 'StringList', member: { name: 'member', target: 'String' } },
  RenamedList: { type: 'list', name: 'RenamedList', member: { name: 'member', target: 'String', xmlName: 'item' } },
  NestedStringList: { type: 'list', name: 'NestedStringList', member: { name: 'member', target: 'StringList' } },
  Tag: {
    type: 'structure',
    name: 'Tag',
    members: [
      { name: 'Key', target: 'String', required: true },
      { name: 'Value', target: 'String', required: true },
    ],
  },
  TagSet: { type: 'list', name: 'TagSet', member: { name: 'member', target: 'Tag', xmlName: 'Tag' } },
  Tagging: { type: 'structure', name: 'Tagging', members: [{ name: 'TagSet', target: 'TagSet', required: true }] },
  PutBucketTaggingRequest: {
    type: 'structure',
    name: 'PutBucketTaggingRequest',
    members: [
      { name: 'Bucket', target: 'String', required: true, binding: { in: 'label', greedy: false } },
      { name: 'Tagging', target: 'Tagging', required: true, binding: { in: 'payload' }, xmlName: 'Tagging' },
    ],
  },
  Object: {
    type: 'structure',
    name: 'Object',
    members: [
      { name: 'Key', target: 'String' },
      { name: 'LastModified', target: 'Timestamp' },
      { name: 'Size', target: 'Long' },
      { name: 'StorageClass', target: 'StorageClass' },
    ],
  },
  ObjectList: { type: 'list', name: 'ObjectList', member: { name: 'member', target: 'Object' } },
  CommonPrefix: { type: 'structure', name: 'CommonPrefix', members: [{ name: 'Prefix', target: 'String' }] },
  CommonPrefixList: { type: 'list', name: 'CommonPrefixList', member: { name: 'member', target: 'CommonPrefix' } },
  ListObjectsV2Output: {
    type: 'structure',
    name: 'ListObjectsV2Output',
    xmlName: 'ListBucketResult',
    members: [
      { name: 'IsTruncated', target: 'Boolean' },
      { name: 'Contents', target: 'ObjectList', xmlFlattened: true },
      { name: 'Name', target: 'String' },
      { name: 'CommonPrefixes', target: 'CommonPrefixList', xmlFlattened: true },
      { name: 'KeyCount', target: 'Integer' },
      { name: 'RequestCharged', target: 'String', binding: { in: 'header', name: 'x-amz-request-charged' } },
    ],
  },
  Grantee: {
    type: 'structure',
    name: 'Grantee',
    xmlNamespace: { uri: 'http://www.w3.org/2001/XMLSchema-instance', prefix: 'xsi' },
    members: [
      { name: 'DisplayName', target: 'String' },
      { name: 'ID', target: 'String' },
      { name: 'Type', target: 'String', xmlAttribute: true, xmlName: 'xsi:type', required: true },
    ],
  },
  Grant: {
    type: 'structure',
    name: 'Grant',
    members: [{ name: 'Grantee', target: 'Grantee', xmlNamespace: { uri: 'http://www.w3.org/2001/XMLSchema-instance', prefix: 'xsi' } }],
  },
  Grants: { type: 'list', name: 'Grants', member: { name: 'member', target: 'Grant', xmlName: 'Grant' } },
  GetBucketAclOutput: {
    type: 'structure',
    name: 'GetBucketAclOutput',
    xmlName: 'AccessControlPolicy',
    members: [{ name: 'Grants', target: 'Grants', xmlName: 'AccessControlList' }],
  },
  GreetingStruct: { type: 'structure', name: 'GreetingStruct', members: [{ name: 'hi', target: 'String' }] },
  GreetingMap: {
    type: 'map',
    name: 'GreetingMap',
    key: { name: 'key', target: 'String' },
    value: { name: 'value', target: 'GreetingStruct' },
  },
  RenamedMap: {
    type: 'map',
    name: 'RenamedMap',
    key: { name: 'key', target: 'String', xmlName: 'K', xmlNamespace: { uri: 'https://the-key.example.com' } },
    value: { name: 'value', target: 'String', xmlName: 'V', xmlNamespace: { uri: 'https://the-value.example.com' } },
  },
  NestedMap: { type: 'map', name: 'NestedMap', key: { name: 'key', target: 'String' }, value: { name: 'value', target: 'RenamedMap' } },
  MyUnion: {
    type: 'union',
    name: 'MyUnion',
    members: [
      { name: 'stringValue', target: 'String' },
      { name: 'structureValue', target: 'GreetingStruct' },
    ],
  },
  Everything: {
    type: 'structure',
    name: 'Everything',
    xmlNamespace: { uri: 'https://example.com' },
    members: [
      { name: 'attr', target: 'String', xmlAttribute: true, xmlName: 'test' },
      { name: 'str', target: 'String' },
      { name: 'num', target: 'Integer' },
      { name: 'dbl', target: 'Double' },
      { name: 'flag', target: 'Boolean' },
      { name: 'when', target: 'Timestamp' },
      { name: 'whenEpoch', target: 'Timestamp', timestampFormat: 'epoch-seconds' },
      { name: 'whenHttp', target: 'Timestamp', timestampFormat: 'http-date' },
      { name: 'data', target: 'Blob' },
      { name: 'list', target: 'StringList' },
      { name: 'renamed', target: 'RenamedList', xmlName: 'Renamed' },
      { name: 'flat', target: 'RenamedList', xmlFlattened: true },
      { name: 'nestedList', target: 'NestedStringList' },
      { name: 'myMap', target: 'GreetingMap' },
      {
        name: 'flatMap',
        target: 'RenamedMap',
        xmlFlattened: true,
        xmlName: 'KVP',
        xmlNamespace: { uri: 'https://the-member.example.com' },
      },
      { name: 'nestedMap', target: 'NestedMap' },
      { name: 'choice', target: 'MyUnion' },
      { name: 'nsMember', target: 'String', xmlNamespace: { uri: 'http://baz.com', prefix: 'baz' } },
      { name: 'headerOnly', target: 'String', binding: { in: 'header', name: 'x-only' } },
    ],
  },
};

export const taggingMember: MemberSchema = { name: 'Tagging', target: 'Tagging', xmlName: 'Tagging', binding: { in: 'payload' } };

export function xmlRequest(body: string): AwsRequest {
  return fakeRequest({ method: 'PUT', headers: { 'content-type': 'application/xml' }, body });
}
