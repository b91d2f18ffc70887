/**
 * Where a function's code comes from: an inline zip (`ZipFile`), or LocalStack's hot-reload convention
 * (`S3Bucket: "hot-reload"`, `S3Key`: an absolute folder on this host, run in place).
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { FunctionCode, PackageType } from '../../../generated/lambda/index.js';
import { InvalidParameterValueException } from '../../../generated/lambda/index.js';
import { unpackZip } from './code.js';
import type { CodeRef } from './state.js';

/** LocalStack's bucket name for hot reloading (docs.localstack.cloud, "Hot reloading"). */
export const HOT_RELOAD_BUCKET = 'hot-reload';

export function codeFrom(code: FunctionCode, functionName: string, packageType: PackageType | undefined): CodeRef {
  if (packageType === 'Image' || code.ImageUri) {
    if (!code.ImageUri) throw new InvalidParameterValueException('Please provide ImageUri when PackageType is Image.');
    // The image is resolved by the Docker engine at invoke time; its digest is not known here.
    const sha256 = createHash('sha256').update(code.ImageUri).digest('hex');
    return { dir: '', sha256, size: 0, hotReload: false, owned: false, imageUri: code.ImageUri };
  }
  if (code.ZipFile) {
    const { dir, sha256, size } = unpackZip(code.ZipFile, functionName);
    return { dir, zip: code.ZipFile, sha256, size, hotReload: false, owned: true };
  }
  if (code.S3Bucket === HOT_RELOAD_BUCKET && code.S3Key) {
    const dir = code.S3Key;
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {
      // reported below
    }
    if (!isAbsolute(dir) || !isDir) {
      throw new InvalidParameterValueException(`Hot-reload code path must be an absolute path to an existing folder: ${dir}`);
    }
    const sha256 = createHash('sha256').update(dir).digest('base64');
    return { dir, sha256, size: 0, hotReload: true, owned: false };
  }
  if (code.S3Bucket) {
    // Reading Code.S3Bucket/S3Key from Standin's own S3 arrives once the S3 object store lands.
    throw new InvalidParameterValueException('Standin does not read function code from S3 yet; use Code.ZipFile or the hot-reload bucket.');
  }
  throw new InvalidParameterValueException('Please provide a source for function code.');
}
