/**
 * Streaming multipart/form-data reader for S3 POST-policy uploads (RFC 7578). S3 requires the `file` field to come
 * last, so the fields before it are read into memory and the file content is yielded as it arrives.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html
 */

export class FormDataError extends Error {}

export interface PostForm {
  /** Field names lower-cased (S3 treats form field names case-insensitively). */
  fields: Map<string, string>;
  filename?: string;
  fileContentType?: string;
  /** The file's bytes; read it to the end before trusting anything after the file field. */
  file: AsyncGenerator<Buffer>;
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return m?.[1] ?? m?.[2];
}

function headerParams(headerBlock: string): { name?: string; filename?: string; contentType?: string } {
  const out: { name?: string; filename?: string; contentType?: string } = {};
  for (const line of headerBlock.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-disposition') {
      const n = /\bname="([^"]*)"/i.exec(value);
      const f = /\bfilename="([^"]*)"/i.exec(value);
      if (n?.[1] !== undefined) out.name = n[1];
      if (f?.[1] !== undefined) out.filename = f[1];
    } else if (name === 'content-type') out.contentType = value;
  }
  return out;
}

/** Reads fields up to the file part; the returned `file` generator streams the rest up to the closing boundary. */
export async function readPostForm(source: AsyncIterable<Buffer | string>, boundary: string): Promise<PostForm> {
  const iterator = source[Symbol.asyncIterator]();
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // Prepend CRLF so the first boundary looks like every other one.
  let buffer: Buffer = Buffer.from('\r\n');
  const more = async (): Promise<boolean> => {
    const next = await iterator.next();
    if (next.done) return false;
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    buffer = Buffer.concat([buffer, chunk]);
    return true;
  };
  const fields = new Map<string, string>();
  for (;;) {
    // At a delimiter: find its end, then the part headers.
    while (buffer.indexOf(delimiter) !== 0 || buffer.indexOf('\r\n', delimiter.length) < 0) {
      if (buffer.length > 1024 * 1024) throw new FormDataError('form field too large');
      if (!(await more())) throw new FormDataError('form ended before the file field');
    }
    if (buffer.subarray(delimiter.length, delimiter.length + 2).toString() === '--') throw new FormDataError('form has no file field');
    let headersEnd = buffer.indexOf('\r\n\r\n', delimiter.length);
    while (headersEnd < 0) {
      if (!(await more())) throw new FormDataError('truncated part headers');
      headersEnd = buffer.indexOf('\r\n\r\n', delimiter.length);
    }
    const params = headerParams(buffer.toString('utf8', delimiter.length + 2, headersEnd));
    buffer = buffer.subarray(headersEnd + 4);
    if (params.name?.toLowerCase() === 'file') {
      const rest = buffer;
      const form: PostForm = { fields, file: streamUntil(rest, iterator, delimiter) };
      if (params.filename !== undefined) form.filename = params.filename;
      if (params.contentType !== undefined) form.fileContentType = params.contentType;
      return form;
    }
    let end = buffer.indexOf(delimiter);
    while (end < 0) {
      if (buffer.length > 1024 * 1024) throw new FormDataError('form field too large');
      if (!(await more())) throw new FormDataError('truncated form field');
      end = buffer.indexOf(delimiter);
    }
    if (params.name !== undefined) fields.set(params.name.toLowerCase(), buffer.toString('utf8', 0, end));
    buffer = buffer.subarray(end);
  }
}

async function* streamUntil(start: Buffer, iterator: AsyncIterator<Buffer | string>, delimiter: Buffer): AsyncGenerator<Buffer> {
  let buffer = start;
  for (;;) {
    const at = buffer.indexOf(delimiter);
    if (at >= 0) {
      if (at > 0) yield buffer.subarray(0, at);
      // Drain the epilogue so the connection can be reused.
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {}
      return;
    }
    // Keep a tail that could hold the start of the delimiter.
    const keep = delimiter.length - 1;
    if (buffer.length > keep) {
      yield buffer.subarray(0, buffer.length - keep);
      buffer = buffer.subarray(buffer.length - keep);
    }
    const next = await iterator.next();
    if (next.done) throw new FormDataError('form ended inside the file field');
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    buffer = Buffer.concat([buffer, chunk]);
  }
}
