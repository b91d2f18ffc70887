/**
 * Object bodies: small ones as in-memory buffers, large ones spilled to temp files, both streamed in and out.
 * A body is a list of segments so a completed multipart upload reuses its parts without copying them.
 * Temp files are reference-counted: an object, a part or an open reader each hold a reference, so replacing or
 * deleting an object never truncates a response already streaming the old body (no torn reads).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, unlink, type WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type ChecksumAlgorithm, type Checksummer, newChecksummer } from '../../protocols/s3-checksums.js';

/** Bodies above this many bytes go to a temp file (STANDIN_S3_MEMORY_THRESHOLD overrides). */
export const MEMORY_THRESHOLD = Number(process.env.STANDIN_S3_MEMORY_THRESHOLD ?? 1024 * 1024);

export class FileRef {
  private refs = 0;
  constructor(
    readonly path: string,
    readonly size: number,
  ) {}
  retain(): void {
    this.refs++;
  }
  release(): void {
    this.refs--;
    if (this.refs === 0) unlink(this.path, () => {});
  }
}

export type Segment = { kind: 'memory'; data: Buffer } | { kind: 'file'; file: FileRef; start: number; size: number };

export interface Body {
  segments: Segment[];
  size: number;
}

export const emptyBody = (): Body => ({ segments: [], size: 0 });

const segmentSize = (s: Segment): number => (s.kind === 'memory' ? s.data.length : s.size);

export function retainBody(body: Body): void {
  for (const s of body.segments) if (s.kind === 'file') s.file.retain();
}

export function releaseBody(body: Body): void {
  for (const s of body.segments) if (s.kind === 'file') s.file.release();
}

/** A body made of other bodies' segments (multipart completion, copies); retains the files it shares. */
export function concatBodies(parts: Body[]): Body {
  const segments = parts.flatMap((p) => p.segments);
  const body = { segments, size: parts.reduce((n, p) => n + p.size, 0) };
  retainBody(body);
  return body;
}

/** The byte range [start, end] of a body as a new body sharing its segments (retained). */
export function sliceBody(body: Body, start: number, end: number): Body {
  const segments: Segment[] = [];
  let offset = 0;
  for (const s of body.segments) {
    const size = segmentSize(s);
    const from = Math.max(start, offset);
    const to = Math.min(end + 1, offset + size);
    if (from < to) {
      if (s.kind === 'memory') segments.push({ kind: 'memory', data: s.data.subarray(from - offset, to - offset) });
      else segments.push({ kind: 'file', file: s.file, start: s.start + from - offset, size: to - from });
    }
    offset += size;
  }
  const out = { segments, size: Math.max(0, end - start + 1) };
  retainBody(out);
  return out;
}

let tempDir: string | undefined;
function newTempPath(): string {
  if (!tempDir) {
    const dir = mkdtempSync(join(tmpdir(), 'standin-s3-'));
    tempDir = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return join(tempDir, `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`);
}

/** What ingest computed while the bytes went by. */
export interface Ingested {
  body: Body;
  md5: Buffer;
  checksums: Partial<Record<ChecksumAlgorithm, string>>;
}

function write(stream: WriteStream, data: Buffer): Promise<void> | undefined {
  if (stream.write(data)) return undefined;
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    stream.once('error', onError);
    stream.once('drain', () => {
      stream.off('error', onError);
      resolve();
    });
  });
}

function closeFile(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}

/**
 * Reads a body stream to storage: MD5 (the ETag) and the requested checksums are computed on the way, memory is
 * held only up to the threshold, then the rest streams to a temp file with back-pressure.
 */
export async function ingest(source: AsyncIterable<Buffer | string | Uint8Array>, algorithms: ChecksumAlgorithm[]): Promise<Ingested> {
  const md5 = createHash('md5');
  const sums: Array<[ChecksumAlgorithm, Checksummer]> = algorithms.map((a) => [a, newChecksummer(a)]);
  const memory: Buffer[] = [];
  let size = 0;
  let file: WriteStream | undefined;
  let path: string | undefined;
  try {
    for await (const piece of source) {
      const chunk = typeof piece === 'string' ? Buffer.from(piece) : Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
      if (chunk.length === 0) continue;
      md5.update(chunk);
      for (const [, sum] of sums) sum.update(chunk);
      size += chunk.length;
      if (file) {
        await write(file, chunk);
      } else if (size > MEMORY_THRESHOLD) {
        path = newTempPath();
        file = createWriteStream(path, { highWaterMark: 1024 * 1024 });
        for (const m of memory) await write(file, m);
        memory.length = 0;
        await write(file, chunk);
      } else {
        // Socket chunks can be views into larger pooled buffers; copy small ones so they do not pin them.
        memory.push(chunk.byteOffset === 0 && chunk.buffer.byteLength === chunk.length ? chunk : Buffer.from(chunk));
      }
    }
    if (file) await closeFile(file);
  } catch (error) {
    if (file && path) {
      file.destroy();
      unlink(path, () => {});
    }
    throw error;
  }
  const checksums: Partial<Record<ChecksumAlgorithm, string>> = {};
  for (const [alg, sum] of sums) checksums[alg] = (await sum.digest()).toString('base64');
  let body: Body;
  if (file && path) {
    const ref = new FileRef(path, size);
    ref.retain();
    body = { segments: [{ kind: 'file', file: ref, start: 0, size }], size };
  } else {
    body = { segments: memory.map((data) => ({ kind: 'memory', data })), size };
  }
  return { body, md5: md5.digest(), checksums };
}

/** Streams bytes [start, end] of a body. The files involved stay alive until the stream ends or is destroyed. */
export function readBody(body: Body, start = 0, end = body.size - 1): Readable {
  const view = sliceBody(body, start, end);
  if (view.segments.every((s) => s.kind === 'memory')) {
    releaseBody(view);
    return Readable.from(view.segments.map((s) => (s as { data: Buffer }).data));
  }
  let released = false;
  const release = () => {
    if (!released) releaseBody(view);
    released = true;
  };
  const [only] = view.segments;
  if (view.segments.length === 1 && only?.kind === 'file') {
    // One file range (every single-part object): the file stream itself, with large reads.
    const direct = createReadStream(only.file.path, { start: only.start, end: only.start + only.size - 1, highWaterMark: 1024 * 1024 });
    direct.once('close', release);
    return direct;
  }
  async function* generate(): AsyncGenerator<Buffer> {
    try {
      for (const s of view.segments) {
        if (s.kind === 'memory') yield s.data;
        else if (s.size > 0) {
          for await (const chunk of createReadStream(s.file.path, {
            start: s.start,
            end: s.start + s.size - 1,
            highWaterMark: 256 * 1024,
          })) {
            yield chunk as Buffer;
          }
        }
      }
    } finally {
      release();
    }
  }
  const stream = Readable.from(generate(), { objectMode: false });
  // A stream destroyed before its first read never enters the generator, so release on close as well.
  stream.once('close', release);
  return stream;
}

/**
 * What GetObject sends: bytes held in memory go out as one buffer (no stream machinery on the hot path for small
 * objects); file-backed ranges stream.
 */
export async function responseBody(body: Body, start = 0, end = body.size - 1): Promise<Uint8Array | Readable> {
  if (body.segments.every((s) => s.kind === 'memory')) {
    const view = sliceBody(body, start, end);
    const parts = view.segments.map((s) => (s as { data: Buffer }).data);
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  }
  const length = end - start + 1;
  if (length <= SMALL_FILE_READ) {
    // A few MiB from a file: one positioned read beats a stream pipeline; the read holds a reference meanwhile.
    const view = sliceBody(body, start, end);
    try {
      const out = Buffer.allocUnsafe(length);
      let at = 0;
      for (const s of view.segments) {
        if (s.kind === 'memory') {
          s.data.copy(out, at);
          at += s.data.length;
        } else {
          const handle = await open(s.file.path, 'r');
          try {
            let done = 0;
            while (done < s.size) {
              const { bytesRead } = await handle.read(out, at + done, s.size - done, s.start + done);
              if (bytesRead === 0) break;
              done += bytesRead;
            }
          } finally {
            await handle.close();
          }
          at += s.size;
        }
      }
      return out;
    } finally {
      releaseBody(view);
    }
  }
  return readBody(body, start, end);
}

/** File-backed ranges up to this size are read in one go rather than streamed. */
const SMALL_FILE_READ = 4 * 1024 * 1024;

/** The whole body in memory, for the small documents S3 reads back (never used on object GET paths). */
export async function bodyBytes(body: Body): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of readBody(body)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
