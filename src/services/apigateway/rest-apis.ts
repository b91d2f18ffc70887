/** REST APIs: CreateRestApi, GetRestApi(s), DeleteRestApi. */
import {
  BadRequestException,
  ConflictException,
  type CreateRestApiRequest,
  type RestApi,
  type RestApis,
} from '../../../generated/apigateway/index.js';
import { type ApiGatewayState, newId, page, type StoredRestApi } from './state.js';

/** LocalStack's tag for choosing a REST API's id, so invoke URLs are stable across runs (localstack apigateway/patches.py). */
export const CUSTOM_ID_TAG = '_custom_id_';

export function createRestApi(state: ApiGatewayState, input: CreateRestApiRequest, idTaken: (id: string) => boolean): StoredRestApi {
  if (input.description === '') throw new BadRequestException('Description cannot be an empty string');
  const custom = input.tags?.[CUSTOM_ID_TAG];
  if (custom !== undefined && idTaken(custom)) throw new ConflictException(`API with id ${custom} already exists`);
  let id = custom ?? newId(10);
  while (custom === undefined && idTaken(id)) id = newId(10);
  const rootResourceId = newId(10);
  // Defaults as AWS answers a minimal CreateRestApi (LocalStack snapshot test_apigateway_api "create-rest-api").
  const api: StoredRestApi['api'] = {
    id,
    name: input.name,
    createdDate: new Date(Math.floor(Date.now() / 1000) * 1000),
    apiKeySource: input.apiKeySource ?? 'HEADER',
    endpointConfiguration: input.endpointConfiguration ?? { types: ['EDGE'], ipAddressType: 'ipv4' },
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
