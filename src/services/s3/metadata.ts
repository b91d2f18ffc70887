/**
 * User metadata (`x-amz-meta-*`). Names arrive lower-cased. Non-ASCII values are stored decoded and sent back
 * RFC 2047-encoded, as S3 does: "Values of such headers are character decoded as per RFC 2047 before storing and
 * encoded as per RFC 2047 to make them mail-safe before returning."
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html#UserMetadata
 */

const isAscii = (s: string): boolean => ![...s].some((c) => c.charCodeAt(0) > 0x7f);

const ENCODED_WORD = /=\?UTF-8\?([BQ])\?([^?]*)\?=/gi;

/** A header value as Node gives it (bytes as latin1) to the text S3 stores. */
function decodeValue(raw: string): string {
  // Raw UTF-8 bytes arrive as latin1 characters; reinterpret them.
  const text = !isAscii(raw) ? Buffer.from(raw, 'latin1').toString('utf8') : raw;
  return text.replace(ENCODED_WORD, (_, kind: string, data: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

export function storedMetadata(input: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(input ?? {})) out[name.toLowerCase()] = decodeValue(value);
  return out;
}

/** Metadata as response headers: non-ASCII values as RFC 2047 B-encoded words. */
export function sentMetadata(stored: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(stored)) {
    out[name] = !isAscii(value) ? `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=` : value;
  }
  return out;
}
