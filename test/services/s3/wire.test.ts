/** S3 object requests byte for byte: aws-chunked framing, Expect: 100-continue, header formats, HEAD lengths. */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../../support/clients.js';
import { awsChunked, raw } from './raw-http.js';

let bucket: string;

beforeAll(async () => {
  bucket = uniqueName('wire');
  expect((await raw('PUT', `/${bucket}`)).status).toBe(200);
});

const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

describe('object bodies on the wire', () => {
  it('stores binary/octet-stream when no Content-Type is sent', async () => {
    await raw('PUT', `/${bucket}/plain`, { body: 'abc' });
    const head = await raw('HEAD', `/${bucket}/plain`);
    expect(head.headers['content-type']).toBe('binary/octet-stream');
  });

  it('answers HEAD with the real Content-Length, ETag, RFC 1123 Last-Modified and no body', async () => {
    await raw('PUT', `/${bucket}/sized`, { body: '0123456789' });
    const head = await raw('HEAD', `/${bucket}/sized`);
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('10');
    expect(head.headers.etag).toBe('"781e5e245d69b566979b86e28d23f2c7"');
    expect(head.headers['accept-ranges']).toBe('bytes');
    expect(String(head.headers['last-modified'])).toMatch(IMF_FIXDATE);
    expect(head.body.length).toBe(0);
  });

  it('answers a ranged HEAD with 206 and the partial length', async () => {
    const head = await raw('HEAD', `/${bucket}/sized`, { headers: { range: 'bytes=2-4' } });
    expect(head.status).toBe(206);
    expect(head.headers['content-length']).toBe('3');
    expect(head.headers['content-range']).toBe('bytes 2-4/10');
  });

  it('answers partNumber=1 of a single-part object as a 206 range over the whole object', async () => {
    const res = await raw('GET', `/${bucket}/sized?partNumber=1`);
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe('bytes 0-9/10');
    expect(res.body.toString()).toBe('0123456789');
    expect((await raw('GET', `/${bucket}/sized?partNumber=2`)).status).toBe(416);
  });

  it('ignores an If-Modified-Since that is not an HTTP date, as RFC 9110 requires', async () => {
    const res = await raw('GET', `/${bucket}/sized`, { headers: { 'if-modified-since': 'garbage' } });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('0123456789');
  });

  it('answers HEAD errors without a body', async () => {
    const head = await raw('HEAD', `/${bucket}/absent`);
    expect(head.status).toBe(404);
    expect(head.body.length).toBe(0);
  });

  it('sends 100 Continue before reading a body sent with Expect: 100-continue', async () => {
    const res = await raw('PUT', `/${bucket}/continued`, { body: 'after continue', expectContinue: true });
    expect(res.status).toBe(200);
    expect(res.continued).toBe(true);
    const got = await raw('GET', `/${bucket}/continued`);
    expect(got.body.toString()).toBe('after continue');
  });

  it('decodes unsigned aws-chunked with a CRC32 trailer and stores only the payload', async () => {
    const body = awsChunked([Buffer.from('hello '), Buffer.from('world')], { 'x-amz-checksum-crc32': 'DUoRhQ==' });
    const res = await raw('PUT', `/${bucket}/chunked`, {
      headers: {
        'content-encoding': 'aws-chunked',
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'x-amz-trailer': 'x-amz-checksum-crc32',
        'x-amz-decoded-content-length': '11',
      },
      body,
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-amz-checksum-crc32']).toBe('DUoRhQ==');
    const got = await raw('GET', `/${bucket}/chunked`, { headers: { 'x-amz-checksum-mode': 'ENABLED' } });
    expect(got.body.toString()).toBe('hello world');
    expect(got.headers['content-encoding']).toBeUndefined();
    expect(got.headers['x-amz-checksum-crc32']).toBe('DUoRhQ==');
  });

  it('decodes signed STREAMING-AWS4-HMAC-SHA256-PAYLOAD chunks split across TCP writes', async () => {
    const body = awsChunked([Buffer.from('signed '), Buffer.from('chunks')], {}, true);
    const res = await raw('PUT', `/${bucket}/signed`, {
      headers: { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'x-amz-decoded-content-length': '13' },
      body: [body.subarray(0, 5), body.subarray(5, 90), body.subarray(90)],
    });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(`"${createHash('md5').update('signed chunks').digest('hex')}"`);
    expect((await raw('GET', `/${bucket}/signed`)).body.toString()).toBe('signed chunks');
  });

  it('answers BadDigest when the trailing checksum does not match', async () => {
    const body = awsChunked([Buffer.from('hello world')], { 'x-amz-checksum-crc32': 'AAAAAA==' });
    const res = await raw('PUT', `/${bucket}/badtrailer`, {
      headers: {
        'content-encoding': 'aws-chunked',
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'x-amz-trailer': 'x-amz-checksum-crc32',
      },
      body,
    });
    expect(res.status).toBe(400);
    expect(res.body.toString()).toContain('<Code>BadDigest</Code>');
    expect((await raw('HEAD', `/${bucket}/badtrailer`)).status).toBe(404);
  });

  it('answers IncompleteBody for a truncated aws-chunked body', async () => {
    const res = await raw('PUT', `/${bucket}/truncated`, {
      headers: { 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'content-encoding': 'aws-chunked' },
      body: 'ff\r\nshort',
    });
    expect(res.status).toBe(400);
    expect(res.body.toString()).toContain('<Code>IncompleteBody</Code>');
  });

  it('answers XAmzContentSHA256Mismatch when a signed payload hash does not match the body', async () => {
    const res = await raw('PUT', `/${bucket}/sha`, { headers: { 'x-amz-content-sha256': 'a'.repeat(64) }, body: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.toString()).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
    const good = createHash('sha256').update('x').digest('hex');
    expect((await raw('PUT', `/${bucket}/sha`, { headers: { 'x-amz-content-sha256': good }, body: 'x' })).status).toBe(200);
  });

  it('answers InvalidRequest for a checksum header of the wrong length', async () => {
    const res = await raw('PUT', `/${bucket}/badsum`, { headers: { 'x-amz-checksum-sha256': 'AAAAAA==' }, body: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.toString()).toContain('<Message>Value for x-amz-checksum-sha256 header is invalid.</Message>');
  });

  it('streams a body larger than the memory threshold through a temp file intact', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7) & 0xff;
    const put = await raw('PUT', `/${bucket}/big`, { body: [big.subarray(0, 1_000_000), big.subarray(1_000_000)] });
    expect(put.status).toBe(200);
    const got = await raw('GET', `/${bucket}/big`);
    expect(got.body.equals(big)).toBe(true);
    const part = await raw('GET', `/${bucket}/big`, { headers: { range: 'bytes=1000000-1000009' } });
    expect(part.body.equals(big.subarray(1_000_000, 1_000_010))).toBe(true);
  });

  it('stores raw UTF-8 metadata decoded and answers it RFC 2047-encoded', async () => {
    const value = Buffer.from('Grüße ✓', 'utf8').toString('latin1');
    expect(
      (await raw('PUT', `/${bucket}/meta-utf8`, { headers: { 'x-amz-meta-name': value, 'x-amz-meta-Mixed': 'A' }, body: 'x' })).status,
    ).toBe(200);
    const head = await raw('HEAD', `/${bucket}/meta-utf8`);
    expect(head.headers['x-amz-meta-name']).toBe(`=?UTF-8?B?${Buffer.from('Grüße ✓').toString('base64')}?=`);
    expect(head.headers['x-amz-meta-mixed']).toBe('A');
  });

  it('never shows a torn body to a reader while the key is replaced', async () => {
    // Above the memory threshold, so the old body is a temp file that must outlive its readers.
    const a = Buffer.alloc(2 * 1024 * 1024, 'a');
    const b = Buffer.alloc(2 * 1024 * 1024, 'b');
    await raw('PUT', `/${bucket}/swap`, { body: a });
    const reads = Array.from({ length: 4 }, () => raw('GET', `/${bucket}/swap`));
    const writes = [raw('PUT', `/${bucket}/swap`, { body: b }), raw('PUT', `/${bucket}/swap`, { body: a })];
    const results = await Promise.all([...reads, ...writes]);
    for (const r of results.slice(0, 4)) {
      expect(r.body.length).toBe(a.length);
      expect(r.body.equals(a) || r.body.equals(b)).toBe(true);
    }
  });
});
