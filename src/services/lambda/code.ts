/**
 * Deployment packages: checks and unpacks a zip into a private directory. No entry may land outside that
 * directory (`..`, absolute paths), symlinks are recreated only when they point inside it, and the unzipped
 * size is capped as AWS caps it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { InvalidParameterValueException, RequestEntityTooLargeException } from '../../../generated/lambda/index.js';

// Limits and messages from the Lambda quotas page and AWS responses recorded in aws-wire-checklist.md §5.3.
export const MAX_ZIPPED = 52428800;
export const MAX_UNZIPPED = 262144000;
const BAD_ZIP = 'Could not unzip uploaded file. Please check your file, then try to upload again.';

let root: string | undefined;

/** One temp directory per Standin process holds every unpacked package; removed on shutdown. */
export function codeRoot(): string {
  root ??= mkdtempSync(join(tmpdir(), 'standin-lambda-'));
  return root;
}

export function removeCodeRoot(): void {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
}

export function sha256Base64(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}

interface EntryMeta {
  mode: number;
}

/** Unix modes from the zip's central directory (fflate does not expose external attributes). */
function readModes(zip: Uint8Array): Map<string, EntryMeta> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const modes = new Map<string, EntryMeta>();
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new InvalidParameterValueException(BAD_ZIP);
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  for (let n = 0; n < count && at + 46 <= zip.length; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new InvalidParameterValueException(BAD_ZIP);
    const madeBy = view.getUint16(at + 4, true) >> 8;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const external = view.getUint32(at + 38, true);
    const name = decoder.decode(zip.subarray(at + 46, at + 46 + nameLength));
    // Host 3 is Unix: the high 16 bits hold st_mode.
    modes.set(name, { mode: madeBy === 3 ? external >>> 16 : 0 });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return modes;
}

/** Validates and unpacks `zip` into a fresh directory; returns it with the package's size and hash. */
export function unpackZip(zip: Uint8Array, label: string): { dir: string; sha256: string; size: number } {
  if (zip.length > MAX_ZIPPED) throw new RequestEntityTooLargeException(`Zipped size must be smaller than ${MAX_ZIPPED} bytes`);
  const modes = readModes(zip);
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter: (file) => {
        total += file.originalSize;
        if (total > MAX_UNZIPPED) throw new InvalidParameterValueException(`Unzipped size must be smaller than ${MAX_UNZIPPED} bytes`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof InvalidParameterValueException) throw error;
    throw new InvalidParameterValueException(BAD_ZIP);
  }
  const dir = mkdtempSync(join(codeRoot(), `${label.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)}-`));
  try {
    for (const [name, data] of Object.entries(files)) writeEntry(dir, name, data, modes.get(name)?.mode ?? 0);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, sha256: sha256Base64(zip), size: zip.length };
}

function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function writeEntry(dir: string, name: string, data: Uint8Array, mode: number): void {
  const target = resolve(dir, name.replace(/\\/g, '/'));
  if (isAbsolute(name) || !inside(dir, target)) throw new InvalidParameterValueException(BAD_ZIP);
  if (name.endsWith('/')) {
    mkdirSync(target, { recursive: true });
    return;
  }
  mkdirSync(dirname(target), { recursive: true });
  const type = mode & 0o170000;
  if (type === 0o120000) {
    // A symlink: its content is the link target. Recreate it only when it stays inside the package.
    const link = new TextDecoder().decode(data);
    if (!isAbsolute(link) && inside(dir, resolve(dirname(target), link))) symlinkSync(link, target);
    return;
  }
  writeFileSync(target, data, { mode: mode & 0o111 ? 0o755 : 0o644 });
}
