/** REST APIs: CreateRestApi, GetRestApi(s), DeleteRestApi. */
import {
  BadRequestException,
  ConflictException,
  type CreateRestApiRequest,
  type PatchOperation,
  type RestApi,
  type RestApis,
} from '../../../generated/apigateway/index.js';
import { type ApiGatewayState, newId, page, type StoredRestApi } from './state.js';

/** LocalStack's tag for choosing a REST API's id, so invoke URLs are stable across runs (localstack apigateway/patches.py). */
export const CUSTOM_ID_TAG = '_custom_id_';

/** AWS fills `ipAddressType` (ipv4, or dualstack for PRIVATE APIs) and defaults to an EDGE endpoint. */
function endpointConfiguration(
  given: CreateRestApiRequest['endpointConfiguration'],
): NonNullable<CreateRestApiRequest['endpointConfiguration']> {
  const types = given?.types?.length ? [...given.types] : ['EDGE' as const];
  return { ...given, types, ipAddressType: given?.ipAddressType ?? (types.includes('PRIVATE') ? 'dualstack' : 'ipv4') };
}

export function createRestApi(state: ApiGatewayState, input: CreateRestApiRequest, idTaken: (id: string) => boolean): StoredRestApi {
  if (input.description === '') throw new BadRequestException('Description cannot be an empty string');
  const custom = input.tags?.[CUSTOM_ID_TAG];
  if (custom !== undefined) {
    // LocalStack's rules for custom ids (localstack apigateway/patches.py): lower case only, and a second API with
    // the same id in the same account and region replaces the first, so re-running a setup script just works.
    if (!/^[a-z0-9_-]+$/.test(custom)) throw new BadRequestException(`The RestApiId '${custom}' cannot contain uppercase characters`);
    if (state.apis.has(custom)) state.apis.delete(custom);
    else if (idTaken(custom)) throw new ConflictException(`API with id ${custom} already exists in another account or region`);
  }
  let id = custom ?? newId(10);
  while (custom === undefined && idTaken(id)) id = newId(10);
  const rootResourceId = newId(10);
  // Defaults as AWS answers a minimal CreateRestApi (LocalStack snapshot test_apigateway_api "create-rest-api").
  const api: StoredRestApi['api'] = {
    id,
    name: input.name,
    createdDate: new Date(Math.floor(Date.now() / 1000) * 1000),
    apiKeySource: input.apiKeySource ?? 'HEADER',
    endpointConfiguration: endpointConfiguration(input.endpointConfiguration),
    disableExecuteApiEndpoint: input.disableExecuteApiEndpoint ?? false,
    rootResourceId,
  };
  if (input.description !== undefined) api.description = input.description;
  if (input.version !== undefined) api.version = input.version;
  if (input.binaryMediaTypes?.length) api.binaryMediaTypes = [...input.binaryMediaTypes];
  if (input.minimumCompressionSize !== undefined) api.minimumCompressionSize = input.minimumCompressionSize;
  if (input.policy !== undefined) api.policy = input.policy;
  if (input.tags && Object.keys(input.tags).length > 0) api.tags = { ...input.tags };
  const stored: StoredRestApi = {
    api,
    accountId: state.accountId,
    region: state.region,
    resources: new Map([[rootResourceId, { id: rootResourceId, path: '/', methods: new Map() }]]),
    deployments: new Map(),
    stages: new Map(),
  };
  state.apis.set(id, stored);
  return stored;
}

export function restApiView(api: StoredRestApi): RestApi {
  return { ...api.api };
}

export function getRestApis(state: ApiGatewayState, position: string | undefined, limit: number | undefined): RestApis {
  const all = [...state.apis.values()];
  const result = page(all, (a) => a.api.id, position, limit);
  const out: RestApis = { items: result.items.map(restApiView) };
  if (result.position) out.position = result.position;
  return out;
}

const unescapePointer = (segment: string): string => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * UpdateRestApi's patch operations. `binaryMediaTypes` is patched like an object whose keys are the types, `/`
 * escaped as `~1` (`add /binaryMediaTypes/image~1png`); the bare path is refused (LocalStack AWS-validated
 * snapshot test_update_rest_api_behaviour).
 */
export function updateRestApi(api: StoredRestApi, operations: PatchOperation[]): StoredRestApi {
  const target = api.api;
  for (const { op, path = '', value } of operations) {
    if (path.startsWith('/binaryMediaTypes/')) {
      const type = unescapePointer(path.slice('/binaryMediaTypes/'.length));
      const types = (target.binaryMediaTypes ?? []).filter((t) => t !== type);
      if (op === 'add') types.push(type);
      else if (op === 'replace' && value) types.push(value);
      if (types.length > 0) target.binaryMediaTypes = types;
      else delete target.binaryMediaTypes;
      continue;
    }
    switch (path) {
      case '/name':
        if (!value) throw new BadRequestException('Name cannot be empty');
        target.name = value;
        break;
      case '/description':
        if (op === 'remove' || value === undefined) delete target.description;
        else target.description = value;
        break;
      case '/minimumCompressionSize': {
        if (op === 'remove' || !value) {
          delete target.minimumCompressionSize;
          break;
        }
        const size = Number(value);
        if (!Number.isInteger(size) || size < 0 || size > 10485760) {
          throw new BadRequestException('Invalid minimum compression size, must be between 0 and 10485760');
        }
        target.minimumCompressionSize = size;
        break;
      }
      case '/apiKeySource':
        target.apiKeySource = value === 'AUTHORIZER' ? 'AUTHORIZER' : 'HEADER';
        break;
      case '/disableExecuteApiEndpoint':
        target.disableExecuteApiEndpoint = value === 'true';
        break;
      case '/policy':
        if (op === 'remove' || value === undefined) delete target.policy;
        else target.policy = value;
        break;
      default:
        throw new BadRequestException(`Invalid patch path ${path}`);
    }
  }
  return api;
}
