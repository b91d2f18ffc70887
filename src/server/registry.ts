/** Loads each service lazily on its first request, so start-up does no service work (ARCHITECTURE.md). */
import { Readable } from 'node:stream';
import type { S3ServiceBase } from '../../generated/s3/index.js';
import type { AwsRequest, RequestContext } from '../runtime/request.js';
import type { ServiceModule } from '../services/service-module.js';

export type ServiceKey = 's3' | 'dynamodb' | 'lambda' | 'apigateway';

const loaders: Record<ServiceKey, () => Promise<ServiceModule>> = {
  s3: async () => (await import('../services/s3/index.js')).createS3Module(),
  dynamodb: async () => (await import('../services/dynamodb/index.js')).createDynamoDBModule(),
  lambda: async () => (await import('../services/lambda/index.js')).createLambdaModule(readS3Object),
  apigateway: async () => (await import('../services/apigateway/index.js')).createAPIGatewayModule(),
};

export const serviceKeys = Object.keys(loaders) as ServiceKey[];

/**
 * Lambda's `Code.S3Bucket`/`S3Key`: the object read through S3's own GetObject handler, so S3's errors
 * (NoSuchBucket, NoSuchKey) and state rules apply. The request it sees is a plain GET, not the Lambda call.
 */
async function readS3Object(bucket: string, key: string, versionId: string | undefined, ctx: RequestContext): Promise<Uint8Array> {
  const s3 = (await getService('s3')) as ServiceModule<S3ServiceBase>;
  const request: AwsRequest = {
    method: 'GET',
    path: `/${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`,
    rawQuery: '',
    query: [],
    headers: {},
    labels: { Bucket: bucket, Key: key },
    stream: () => Readable.from([]),
    bytes: async () => new Uint8Array(0),
  };
  const out = await s3.instance.getObject(
    { Bucket: bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) },
    { ...ctx, request },
  );
  const body = out.Body;
  if (body === undefined) return new Uint8Array(0);
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const loaded = new Map<ServiceKey, Promise<ServiceModule>>();
/** Services whose load finished: dispatch takes them without waiting a turn of the event loop. */
const ready = new Map<ServiceKey, ServiceModule>();

export function getService(key: ServiceKey): Promise<ServiceModule> {
  let module = loaded.get(key);
  if (!module) {
    module = loaders[key]();
    loaded.set(key, module);
    module.then(
      (m) => ready.set(key, m),
      // A service that failed to load (a missing package, say) is retried on the next request, not cached broken.
      () => loaded.delete(key),
    );
  }
  return module;
}

/** The service if it is already loaded. */
export function loadedService(key: ServiceKey): ServiceModule | undefined {
  return ready.get(key);
}

/** Services loaded so far (health reports the rest as "available"). */
export function loadedServices(): ServiceKey[] {
  return [...loaded.keys()];
}

export async function resetAll(): Promise<void> {
  for (const module of loaded.values()) (await module).reset();
}
