/** S3 checksum algorithms against the checklist's vectors, CRC combination, and aws-chunked decoding edge cases. */
import { describe, expect, it } from 'vitest';
import { type ChecksumAlgorithm, checksumOf, combineCrcs, isWellFormedChecksum } from '../../src/protocols/s3-checksums.js';
import { decodeAwsChunked, storedContentEncoding } from '../../src/protocols/s3-chunked.js';

describe('flexible checksums', () => {
  // aws-wire-checklist §1.4 test vectors.
  it.each([
    ['CRC32', '123456789', 'y/Q5Jg=='],
    ['CRC32C', '123456789', '4waSgw=='],
    ['CRC64NVME', '123456789', 'rosUhgp5mIg='],
    ['SHA256', 'hello world', 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek='],
    ['CRC64NVME', '', 'AAAAAAAAAAA='],
  ] as const)('computes %s of %j as %s', async (alg, input, expected) => {
    expect(await checksumOf(alg, [Buffer.from(input)])).toBe(expected);
  });

  it.each(['CRC32', 'CRC32C', 'CRC64NVME'] as ChecksumAlgorithm[])(
    'combines %s part checksums into the whole-object value',
    async (alg) => {
      const parts = [Buffer.from('first part, '), Buffer.alloc(70_000, 'x'), Buffer.from('end')];
      const sums = await Promise.all(parts.map(async (p) => ({ checksum: await checksumOf(alg, [p]), size: p.length })));
      expect(combineCrcs(alg, sums)).toBe(await checksumOf(alg, parts));
    },
  );

  it('rejects values of the wrong digest length', () => {
    expect(isWellFormedChecksum('CRC32', 'DUoRhQ==')).toBe(true);
    expect(isWellFormedChecksum('SHA256', 'DUoRhQ==')).toBe(false);
    expect(isWellFormedChecksum('CRC32', 'not base64!')).toBe(false);
  });
});

async function decode(pieces: string[]): Promise<{ body: string; trailers: Record<string, string> }> {
  const trailers: Record<string, string> = {};
  const out: Buffer[] = [];
  for await (const c of decodeAwsChunked(
    (async function* () {
      for (const p of pieces) yield Buffer.from(p);
    })(),
    trailers,
  ))
    out.push(c);
  return { body: Buffer.concat(out).toString(), trailers };
}

describe('aws-chunked decoding', () => {
  it('decodes chunks split at every byte boundary, with trailers', async () => {
    const wire = '5\r\nhello\r\n6;chunk-signature=abc\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n';
    expect(await decode(wire.split(''))).toEqual({ body: 'hello world', trailers: { 'x-amz-checksum-crc32': 'DUoRhQ==' } });
  });

  it('accepts a body that stops right after the zero chunk', async () => {
    expect((await decode(['3\r\nabc\r\n0\r\n'])).body).toBe('abc');
  });

  it('rejects a truncated body', async () => {
    await expect(decode(['a\r\nshort'])).rejects.toThrow('terminated unexpectedly');
  });

  it('removes aws-chunked from the stored Content-Encoding and keeps the rest', () => {
    expect(storedContentEncoding('gzip,aws-chunked')).toBe('gzip');
    expect(storedContentEncoding('aws-chunked')).toBeUndefined();
  });
});
