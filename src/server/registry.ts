/** Loads each service lazily on its first request, so start-up does no service work (ARCHITECTURE.md). */
import type { ServiceModule } from '../services/service-module.js';

export type ServiceKey = 's3' | 'dynamodb' | 'lambda' | 'apigateway';

const loaders: Record<ServiceKey, () => Promise<ServiceModule>> = {
  s3: async () => (await import('../services/s3/index.js')).createS3Module(),
  dynamodb: async () => (await import('../services/dynamodb/index.js')).createDynamoDBModule(),
  lambda: async () => (await import('../services/lambda/index.js')).createLambdaModule(),
  apigateway: async () => (await import('../services/apigateway/index.js')).createAPIGatewayModule(),
};

export const serviceKeys = Object.keys(loaders) as ServiceKey[];

const loaded = new Map<ServiceKey, Promise<ServiceModule>>();

export function getService(key: ServiceKey): Promise<ServiceModule> {
  let module = loaded.get(key);
  if (!module) {
    module = loaders[key]();
    loaded.set(key, module);
    // A service that failed to load (a missing package, say) is retried on the next request, not cached broken.
    module.catch(() => loaded.delete(key));
  }
  return module;
}

/** Services loaded so far (health reports the rest as "available"). */
export function loadedServices(): ServiceKey[] {
  return [...loaded.keys()];
}

export async function resetAll(): Promise<void> {
  for (const module of loaded.values()) (await module).reset();
}
