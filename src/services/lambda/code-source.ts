/**
 * Where a function's code comes from: an inline zip (`ZipFile`), a zip in Standin's S3 (`S3Bucket`/`S3Key`), an
 * image (`ImageUri`), or LocalStack's hot-reload convention (`S3Bucket: "hot-reload"`, `S3Key`: an absolute folder
 * on this host, run in place).
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { FunctionCode, PackageType } from '../../../generated/lambda/index.js';
import { InvalidParameterValueException } from '../../../generated/lambda/index.js';
import { AwsServiceError } from '../../runtime/errors.js';
import type { RequestContext } from '../../runtime/request.js';
import { unpackZip } from './code.js';
import type { CodeRef } from './state.js';

/** LocalStack's bucket name for hot reloading (docs.localstack.cloud, "Hot reloading"). */
export const HOT_RELOAD_BUCKET = 'hot-reload';

/** Reads an object from Standin's own S3 (wired by the server; Lambda does not import S3). */
export type ObjectReader = (bucket: string, key: string, versionId: string | undefined, ctx: RequestContext) => Promise<Uint8Array>;

/**
 * `Code.S3Bucket`/`S3Key`[/`S3ObjectVersion`]: the zip is read from Standin's S3 and then handled as `ZipFile`.
 * S3 errors become InvalidParameterValueException with AWS's wording, e.g. "Error occurred while GetObject. S3 Error
 * Code: NoSuchKey. S3 Error Message: The specified key does not exist." (as CloudFormation and CLI users report it).
 */
export async function fetchS3Code(code: FunctionCode, readObject: ObjectReader | undefined, ctx: RequestContext): Promise<FunctionCode> {
  if (!code.S3Bucket || code.S3Bucket === HOT_RELOAD_BUCKET || code.ZipFile || code.ImageUri) return code;
  if (!code.S3Key) throw new InvalidParameterValueException('Please provide S3Key along with S3Bucket.');
  if (!readObject) throw new InvalidParameterValueException('Standin cannot read function code from S3 in this configuration.');
  try {
    const zip = await readObject(code.S3Bucket, code.S3Key, code.S3ObjectVersion, ctx);
    return { ZipFile: zip };
  } catch (error) {
    if (error instanceof AwsServiceError && error.code !== 'InternalError') {
      throw new InvalidParameterValueException(
        `Error occurred while GetObject. S3 Error Code: ${error.code}. S3 Error Message: ${error.message}`,
      );
    }
    throw error;
  }
}

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
  throw new InvalidParameterValueException('Please provide a source for function code.');
}
