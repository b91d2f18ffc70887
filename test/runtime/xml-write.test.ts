import { describe, expect, it } from 'vitest';
import { writeXmlBody, writeXmlPayload } from '../../src/runtime/bindings.js';
import { getHeader } from '../../src/runtime/request.js';
import { parseXmlDocument } from '../../src/runtime/xml-dom.js';
import { parseXmlBody } from '../../src/runtime/xml-read.js';
import { escapeXmlText, serializeXmlBody } from '../../src/runtime/xml-write.js';
import { bodyText, emptyResponse } from './fake-request.js';
import { S3_NS, shapes, taggingMember } from './xml-fixtures.js';

describe('writing XML', () => {
  it('writes the declaration, the xmlName root with the service namespace and body members only', () => {
    const res = emptyResponse();
    writeXmlBody(
      res,
      shapes,
      'ListObjectsV2Output',
      {
        IsTruncated: false,
        Name: 'bucket',
        Contents: [{ Key: 'a.txt', LastModified: new Date(Date.UTC(2026, 10, 29, 6, 49, 40)), Size: 3, StorageClass: 'STANDARD' }],
        KeyCount: 1,
        RequestCharged: 'requester',
      },
      S3_NS,
    );
    expect(bodyText(res)).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="${S3_NS}"><IsTruncated>false</IsTruncated>` +
        '<Contents><Key>a.txt</Key><LastModified>2026-11-29T06:49:40.000Z</LastModified><Size>3</Size><StorageClass>STANDARD</StorageClass></Contents>' +
        '<Name>bucket</Name><KeyCount>1</KeyCount></ListBucketResult>',
    );
    expect(getHeader(res, 'content-type')).toBe('application/xml');
  });

  it('repeats flattened list elements, including a single item, and omits unset members', () => {
    const xml = serializeXmlBody(shapes, 'ListObjectsV2Output', { CommonPrefixes: [{ Prefix: 'photos/' }] }) ?? '';
    expect(xml).toContain('<ListBucketResult><CommonPrefixes><Prefix>photos/</Prefix></CommonPrefixes></ListBucketResult>');
  });

  it('escapes text and attribute values', () => {
    expect(escapeXmlText('<a & b>\r\n\u0001')).toBe('&lt;a &amp; b&gt;&#xD;\n&#x1;');
    const xml = serializeXmlBody(shapes, 'Everything', { attr: '"q" & <t>', str: 'Tom & "Jerry" <3' }) ?? '';
    expect(xml).toContain(
      '<Everything xmlns="https://example.com" test="&quot;q&quot; &amp; &lt;t&gt;"><str>Tom &amp; "Jerry" &lt;3</str>',
    );
  });

  it('writes attributes, prefixed member namespaces and nested structure attributes', () => {
    const res = emptyResponse();
    writeXmlBody(res, shapes, 'GetBucketAclOutput', { Grants: [{ Grantee: { ID: 'abc', Type: 'CanonicalUser' } }] }, S3_NS);
    expect(bodyText(res)).toContain(
      `<AccessControlPolicy xmlns="${S3_NS}"><AccessControlList><Grant>` +
        '<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>abc</ID></Grantee>' +
        '</Grant></AccessControlList></AccessControlPolicy>',
    );
  });

  it('writes numbers, booleans, timestamps in their formats, blobs and empty strings', () => {
    const xml =
      serializeXmlBody(shapes, 'Everything', {
        str: '',
        num: 0,
        dbl: Number.NEGATIVE_INFINITY,
        flag: true,
        when: new Date(Date.UTC(2014, 3, 29, 18, 30, 38, 5)),
        whenEpoch: new Date(Date.UTC(2014, 3, 29, 18, 30, 38)),
        whenHttp: new Date(Date.UTC(2014, 3, 29, 18, 30, 38)),
        data: new TextEncoder().encode('blob'),
        nsMember: 'Foo',
      }) ?? '';
    expect(xml).toContain(
      '<str></str><num>0</num><dbl>-Infinity</dbl><flag>true</flag><when>2014-04-29T18:30:38.005Z</when>' +
        '<whenEpoch>1398796238</whenEpoch><whenHttp>Tue, 29 Apr 2014 18:30:38 GMT</whenHttp><data>YmxvYg==</data>' +
        '<nsMember xmlns:baz="http://baz.com">Foo</nsMember>',
    );
  });

  it('writes wrapped and flattened maps with member namespaces', () => {
    const xml = serializeXmlBody(shapes, 'Everything', { myMap: { foo: { hi: 'there' } }, flatMap: { a: 'A', b: 'B' } }) ?? '';
    expect(xml).toContain(
      '<myMap><entry><key>foo</key><value><hi>there</hi></value></entry></myMap>' +
        '<KVP xmlns="https://the-member.example.com"><K xmlns="https://the-key.example.com">a</K><V xmlns="https://the-value.example.com">A</V></KVP>' +
        '<KVP xmlns="https://the-member.example.com"><K xmlns="https://the-key.example.com">b</K><V xmlns="https://the-value.example.com">B</V></KVP>',
    );
  });

  it('writes a structure payload named after the member and skips an unset payload', () => {
    const res = emptyResponse();
    writeXmlPayload(res, shapes, taggingMember, { TagSet: [{ Key: 'k', Value: 'v' }] }, S3_NS);
    expect(bodyText(res)).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Tagging xmlns="${S3_NS}"><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>`,
    );
    const unset = emptyResponse();
    writeXmlPayload(unset, shapes, taggingMember, undefined, S3_NS);
    expect(unset.body).toBeUndefined();
    expect(unset.headers).toEqual([]);
  });

  it('writes no body for a structure without body members', () => {
    const res = emptyResponse();
    writeXmlBody(res, shapes, 'PutBucketTaggingRequest', { Bucket: 'b' });
    expect(res.body).toBeUndefined();
  });
});

describe('XML round trips', () => {
  it('reads back exactly what it wrote, for every kind of member', () => {
    const value = {
      attr: 'a "quoted" <attr>',
      str: ' spaced\r\nlines & <tags> \u0007 ',
      num: -12,
      dbl: 1.5,
      flag: false,
      when: new Date(Date.UTC(2026, 10, 29, 6, 49, 40, 123)),
      whenEpoch: new Date(Date.UTC(2026, 10, 29, 6, 49, 40, 123)),
      whenHttp: new Date(Date.UTC(2026, 10, 29, 6, 49, 40)),
      data: new Uint8Array([0, 1, 2, 250, 255]),
      list: ['only'],
      renamed: [],
      flat: ['x'],
      nestedList: [['a'], [], ['b', 'c']],
      myMap: { k: { hi: 'v' }, '': { hi: '' } },
      flatMap: { one: '1' },
      nestedMap: { o: { i: 'v' } },
      choice: { stringValue: '007' },
      nsMember: 'ns',
    };
    const xml = serializeXmlBody(shapes, 'Everything', value) ?? '';
    expect(parseXmlBody(xml, shapes, 'Everything')).toEqual(value);
  });

  it('round trips an S3 key containing characters XML must escape', () => {
    const key = 'dir/a&b<c>"d"\'e\r\n\t\u0001\u2028€😀';
    const xml = serializeXmlBody(shapes, 'ListObjectsV2Output', { Contents: [{ Key: key }] }) ?? '';
    expect(parseXmlBody(xml, shapes, 'ListObjectsV2Output')).toEqual({ Contents: [{ Key: key }] });
    expect(parseXmlDocument(xml).name).toBe('ListBucketResult');
  });
});
