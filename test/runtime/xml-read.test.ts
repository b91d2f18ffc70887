import { describe, expect, it } from 'vitest';
import { readXmlBody, readXmlPayload } from '../../src/runtime/bindings.js';
import { SerializationError } from '../../src/runtime/errors.js';
import type { MemberSchema } from '../../src/runtime/schema.js';
import { parseXmlBody } from '../../src/runtime/xml-read.js';
import { fakeRequest } from './fake-request.js';
import { S3_NS, shapes, taggingMember, xmlRequest } from './xml-fixtures.js';

describe('reading XML payloads', () => {
  it('reads a structure payload with a wrapped, renamed list of structures', async () => {
    const body = `<?xml version="1.0" encoding="UTF-8"?>
      <Tagging xmlns="${S3_NS}">
        <TagSet>
          <Tag><Key>env</Key><Value>prod</Value></Tag>
          <Tag><Key>team</Key><Value>007</Value></Tag>
        </TagSet>
      </Tagging>`;
    expect(await readXmlPayload(xmlRequest(body), shapes, taggingMember)).toEqual({
      TagSet: [
        { Key: 'env', Value: 'prod' },
        { Key: 'team', Value: '007' },
      ],
    });
  });

  it('reads a list holding a single element as a one-item array', async () => {
    const body = '<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>';
    expect(await readXmlPayload(xmlRequest(body), shapes, taggingMember)).toEqual({ TagSet: [{ Key: 'k', Value: 'v' }] });
  });

  it('reads an empty list element as an empty array and an empty string element as ""', async () => {
    expect(await readXmlPayload(xmlRequest('<Tagging><TagSet/></Tagging>'), shapes, taggingMember)).toEqual({ TagSet: [] });
    const tag = await readXmlPayload(
      xmlRequest('<Tagging><TagSet><Tag><Key></Key><Value/></Tag></TagSet></Tagging>'),
      shapes,
      taggingMember,
    );
    expect(tag).toEqual({ TagSet: [{ Key: '', Value: '' }] });
  });

  it('returns undefined for an empty or whitespace-only body', async () => {
    expect(await readXmlPayload(xmlRequest(''), shapes, taggingMember)).toBeUndefined();
    expect(await readXmlPayload(xmlRequest('  \n'), shapes, taggingMember)).toBeUndefined();
  });

  it('rejects a payload whose root element has the wrong name', async () => {
    await expect(readXmlPayload(xmlRequest('<Tags><TagSet/></Tags>'), shapes, taggingMember)).rejects.toMatchObject({
      code: 'MalformedXML',
      httpStatus: 400,
    });
  });

  it('matches prefixed element names by their local name', async () => {
    const body = `<s3:Tagging xmlns:s3="${S3_NS}"><s3:TagSet><s3:Tag><s3:Key>a</s3:Key><s3:Value>b</s3:Value></s3:Tag></s3:TagSet></s3:Tagging>`;
    expect(await readXmlPayload(xmlRequest(body), shapes, taggingMember)).toEqual({ TagSet: [{ Key: 'a', Value: 'b' }] });
  });
});

describe('reading XML bodies', () => {
  it('reads scalars by schema, keeping numeric-looking strings as text and whitespace in strings', () => {
    const xml = `<Everything xmlns="https://example.com" test="&lt;a&amp;b&gt;">
        <str>  007  </str><num> 42 </num><dbl>NaN</dbl><flag>false</flag>
        <when>2014-04-29T18:30:38Z</when><whenEpoch>1398796238.5</whenEpoch><whenHttp>Tue, 29 Apr 2014 18:30:38 GMT</whenHttp>
        <data>YmxvYg
          ==</data>
        <headerOnly>ignored</headerOnly><unknown>x</unknown>
      </Everything>`;
    const value = parseXmlBody(xml, shapes, 'Everything');
    expect(value).toEqual({
      attr: '<a&b>',
      str: '  007  ',
      num: 42,
      dbl: Number.NaN,
      flag: false,
      when: new Date(Date.UTC(2014, 3, 29, 18, 30, 38)),
      whenEpoch: new Date(Date.UTC(2014, 3, 29, 18, 30, 38, 500)),
      whenHttp: new Date(Date.UTC(2014, 3, 29, 18, 30, 38)),
      data: new TextEncoder().encode('blob'),
    });
  });

  it('resolves entity and character references once, and keeps CDATA verbatim', () => {
    const value = parseXmlBody('<E><str>escaped data: &amp;lt;&#xD;&#10;<![CDATA[<raw>&amp;]]></str></E>', shapes, 'Everything');
    expect(value.str).toBe('escaped data: &lt;\r\n<raw>&amp;');
  });

  it('normalises literal CR LF line endings to LF', () => {
    expect(parseXmlBody('<E><str>a\r\nb\rc</str></E>', shapes, 'Everything').str).toBe('a\nb\nc');
  });

  it('reads wrapped, renamed, flattened and nested lists', () => {
    const xml = `<E>
      <list><member>foo</member><member>bar</member></list>
      <Renamed><item>a</item><item>b</item></Renamed>
      <flat>hi</flat><str>between</str><flat>bye</flat>
      <nestedList><member><member>foo</member><member>bar</member></member><member><member>baz</member></member></nestedList>
    </E>`;
    expect(parseXmlBody(xml, shapes, 'Everything')).toEqual({
      str: 'between',
      list: ['foo', 'bar'],
      renamed: ['a', 'b'],
      flat: ['hi', 'bye'],
      nestedList: [['foo', 'bar'], ['baz']],
    });
  });

  it('reads a single flattened element as a one-item array', () => {
    const xml = '<ListBucketResult><Contents><Key>only</Key><Size>3</Size></Contents><KeyCount>1</KeyCount></ListBucketResult>';
    expect(parseXmlBody(xml, shapes, 'ListObjectsV2Output')).toEqual({ Contents: [{ Key: 'only', Size: 3 }], KeyCount: 1 });
  });

  it('reads wrapped, flattened and nested maps with renamed keys and values', () => {
    const xml = `<E>
      <myMap>
        <entry><key>foo</key><value><hi>there</hi></value></entry>
        <entry><key>baz</key><value><hi>bye</hi></value></entry>
      </myMap>
      <KVP><K>a</K><V>A</V></KVP>
      <KVP><K>b</K><V>B</V></KVP>
      <nestedMap><entry><key>outer</key><value><entry><K>inner</K><V>v</V></entry></value></entry></nestedMap>
    </E>`;
    expect(parseXmlBody(xml, shapes, 'Everything')).toEqual({
      myMap: { foo: { hi: 'there' }, baz: { hi: 'bye' } },
      flatMap: { a: 'A', b: 'B' },
      nestedMap: { outer: { inner: 'v' } },
    });
  });

  it('reads a union with one member and rejects one with two', () => {
    expect(parseXmlBody('<E><choice><structureValue><hi>x</hi></structureValue></choice></E>', shapes, 'Everything')).toEqual({
      choice: { structureValue: { hi: 'x' } },
    });
    expect(() => parseXmlBody('<E><choice><stringValue>a</stringValue><structureValue/></choice></E>', shapes, 'Everything')).toThrow(
      SerializationError,
    );
  });

  it('reads prefixed attributes such as xsi:type', async () => {
    const member: MemberSchema = { name: 'Grantee', target: 'Grantee' };
    const body = '<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>abc</ID></Grantee>';
    expect(await readXmlPayload(xmlRequest(body), shapes, member)).toEqual({ ID: 'abc', Type: 'CanonicalUser' });
  });

  it('returns {} for an empty body', async () => {
    expect(await readXmlBody(xmlRequest(''), shapes, 'Everything')).toEqual({});
  });

  it('reads only body-bound members of the input structure', async () => {
    const req = xmlRequest('<Everything><str>s</str><headerOnly>h</headerOnly></Everything>');
    expect(await readXmlBody(req, shapes, 'Everything')).toEqual({ str: 's' });
  });
});

describe('rejecting malformed XML', () => {
  const cases: Record<string, string> = {
    'mismatched tags': '<E><str>a</E>',
    'a bare ampersand': '<E><str>a & b</str></E>',
    'an unknown entity': '<E><str>&nbsp;</str></E>',
    'an external entity': '<!DOCTYPE E [<!ENTITY x SYSTEM "file:///etc/passwd">]><E><str>&x;</str></E>',
    'two root elements': '<E/><F/>',
    'text that is not XML': 'hello',
    'a non-integer in an integer element': '<E><num>1.5</num></E>',
    'a boolean spelled otherwise': '<E><flag>TRUE</flag></E>',
    'an invalid timestamp': '<E><when>yesterday</when></E>',
    'invalid base64': '<E><data>!!!</data></E>',
    'a map entry without a key': '<E><myMap><entry><value><hi>x</hi></value></entry></myMap></E>',
  };
  for (const [what, xml] of Object.entries(cases)) {
    it(`rejects ${what} with a 400 MalformedXML error`, async () => {
      await expect(readXmlBody(xmlRequest(xml), shapes, 'Everything')).rejects.toMatchObject({ code: 'MalformedXML', httpStatus: 400 });
    });
  }

  it('rejects bodies that are not UTF-8', async () => {
    const req = fakeRequest({ body: new Uint8Array([0x3c, 0x45, 0x3e, 0xff, 0x3c, 0x2f, 0x45, 0x3e]) });
    await expect(readXmlBody(req, shapes, 'Everything')).rejects.toMatchObject({ code: 'MalformedXML' });
  });
});
