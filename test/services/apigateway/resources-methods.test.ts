/** Resources, methods and integrations through the JS SDK, with AWS's error messages. */
import {
  BadRequestException,
  ConflictException,
  CreateResourceCommand,
  DeleteIntegrationCommand,
  DeleteMethodCommand,
  DeleteResourceCommand,
  GetIntegrationCommand,
  GetIntegrationResponseCommand,
  GetMethodCommand,
  GetResourceCommand,
  GetResourcesCommand,
  NotFoundException,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
} from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import { apigateway } from '../../support/clients.js';
import { addResource, newApi } from './helpers.js';

const FN = 'arn:aws:lambda:us-east-1:000000000000:function:my-fn';
const LAMBDA_URI = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FN}/invocations`;

const failure = (p: Promise<unknown>): Promise<Error> =>
  p.then(
    () => new Error('expected a failure'),
    (e: Error) => e,
  );

describe('resources', () => {
  it('has the root resource / on creation and builds paths with {param} and {proxy+} parts', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    const first = await client.send(new GetResourcesCommand({ restApiId: id }));
    expect(first.items).toEqual([{ id: root, path: '/' }]);
    const users = await client.send(new CreateResourceCommand({ restApiId: id, parentId: root, pathPart: 'users' }));
    expect(users.$metadata.httpStatusCode).toBe(201);
    expect(users).toMatchObject({ parentId: root, pathPart: 'users', path: '/users' });
    expect(users.id).toMatch(/^[a-z0-9]+$/);
    const user = await addResource(client, id, users.id ?? '', '{userId}');
    const proxy = await addResource(client, id, user, '{proxy+}');
    const got = await client.send(new GetResourceCommand({ restApiId: id, resourceId: proxy }));
    expect(got).toMatchObject({ id: proxy, parentId: user, pathPart: '{proxy+}', path: '/users/{userId}/{proxy+}' });
  });

  it('pages GetResources with position and limit', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    for (const part of ['a', 'b', 'c', 'd']) await addResource(client, id, root, part);
    const paths: string[] = [];
    let position: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(new GetResourcesCommand({ restApiId: id, limit: 2, ...(position ? { position } : {}) }));
      pages++;
      for (const r of page.items ?? []) paths.push(r.path ?? '');
      position = page.position;
    } while (position);
    expect(pages).toBe(3);
    expect(paths.sort()).toEqual(['/', '/a', '/b', '/c', '/d']);
  });

  it('answers AWS errors for duplicates, greedy parents, two variables and unknown ids', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    const pets = await addResource(client, id, root, 'pets');
    const dup = await failure(client.send(new CreateResourceCommand({ restApiId: id, parentId: root, pathPart: 'pets' })));
    expect(dup).toBeInstanceOf(ConflictException);
    expect(dup.message).toBe('Another resource with the same parent already has this name: pets');
    const proxy = await addResource(client, id, pets, '{proxy+}');
    const child = await failure(client.send(new CreateResourceCommand({ restApiId: id, parentId: proxy, pathPart: 'x' })));
    expect(child).toBeInstanceOf(BadRequestException);
    expect(child.message).toBe('Cannot create a child of a resource with a greedy path variable: {proxy+}');
    const sibling = await failure(client.send(new CreateResourceCommand({ restApiId: id, parentId: pets, pathPart: '{id}' })));
    expect(sibling.message).toBe('A sibling ({proxy+}) of this resource already has a variable path part -- only one is allowed');
    const missing = await failure(client.send(new GetResourceCommand({ restApiId: id, resourceId: 'nope00' })));
    expect(missing).toBeInstanceOf(NotFoundException);
    expect(missing.message).toBe('Invalid Resource identifier specified');
    const noApi = await failure(client.send(new GetResourcesCommand({ restApiId: 'nope000000' })));
    expect(noApi.message).toBe('Invalid API identifier specified 000000000000:nope000000');
  });

  it('deletes a resource with its subtree', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    const a = await addResource(client, id, root, 'a');
    const b = await addResource(client, id, a, 'b');
    const res = await client.send(new DeleteResourceCommand({ restApiId: id, resourceId: a }));
    expect(res.$metadata.httpStatusCode).toBe(202);
    expect(await failure(client.send(new GetResourceCommand({ restApiId: id, resourceId: b })))).toBeInstanceOf(NotFoundException);
    expect((await client.send(new GetResourcesCommand({ restApiId: id }))).items?.map((r) => r.path)).toEqual(['/']);
  });
});

describe('methods and integrations', () => {
  it('records a method with authorizationType NONE and apiKeyRequired, and deletes it', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    const put = await client.send(
      new PutMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: true }),
    );
    expect(put.$metadata.httpStatusCode).toBe(201);
    expect(put).toMatchObject({ httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: true });
    const listed = await client.send(new GetResourcesCommand({ restApiId: id }));
    expect(listed.items?.[0]?.resourceMethods).toEqual({ GET: {} });
    const embedded = await client.send(new GetResourcesCommand({ restApiId: id, embed: ['methods'] }));
    expect(embedded.items?.[0]?.resourceMethods?.GET).toMatchObject({ httpMethod: 'GET', apiKeyRequired: true });
    await client.send(new DeleteMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'GET' }));
    const gone = await failure(client.send(new GetMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'GET' })));
    expect(gone).toBeInstanceOf(NotFoundException);
    expect(gone.message).toBe('Invalid Method identifier specified');
  });

  it('refuses an unknown HTTP method', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    const error = await failure(
      client.send(new PutMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'WRONG', authorizationType: 'NONE' })),
    );
    expect(error).toBeInstanceOf(BadRequestException);
    expect(error.message).toBe('Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY');
  });

  it('stores an AWS_PROXY integration to a Lambda function with AWS defaults, and shows it in GetMethod', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    await client.send(new PutMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'ANY', authorizationType: 'NONE' }));
    const none = await failure(client.send(new GetIntegrationCommand({ restApiId: id, resourceId: root, httpMethod: 'ANY' })));
    expect(none.message).toBe('Invalid Integration identifier specified');
    const put = await client.send(
      new PutIntegrationCommand({
        restApiId: id,
        resourceId: root,
        httpMethod: 'ANY',
        type: 'AWS_PROXY',
        integrationHttpMethod: 'POST',
        uri: LAMBDA_URI,
      }),
    );
    expect(put.$metadata.httpStatusCode).toBe(201);
    const expected = {
      type: 'AWS_PROXY',
      httpMethod: 'POST',
      uri: LAMBDA_URI,
      passthroughBehavior: 'WHEN_NO_MATCH',
      timeoutInMillis: 29000,
      cacheNamespace: root,
      cacheKeyParameters: [],
    };
    expect(put).toMatchObject(expected);
    expect(await client.send(new GetIntegrationCommand({ restApiId: id, resourceId: root, httpMethod: 'ANY' }))).toMatchObject(expected);
    await client.send(new PutMethodResponseCommand({ restApiId: id, resourceId: root, httpMethod: 'ANY', statusCode: '200' }));
    const ir = await client.send(
      new PutIntegrationResponseCommand({
        restApiId: id,
        resourceId: root,
        httpMethod: 'ANY',
        statusCode: '200',
        responseTemplates: { 'application/json': '' },
      }),
    );
    expect(ir).toMatchObject({ statusCode: '200', selectionPattern: '' });
    const got = await client.send(
      new GetIntegrationResponseCommand({ restApiId: id, resourceId: root, httpMethod: 'ANY', statusCode: '200' }),
    );
    expect(got.statusCode).toBe('200');
    const method = await client.send(new GetMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'ANY' }));
    expect(method.methodIntegration).toMatchObject({ ...expected, integrationResponses: { '200': { statusCode: '200' } } });
    expect(method.methodResponses).toEqual({ '200': { statusCode: '200' } });
    await client.send(new DeleteIntegrationCommand({ restApiId: id, resourceId: root, httpMethod: 'ANY' }));
    expect(await failure(client.send(new GetIntegrationCommand({ restApiId: id, resourceId: root, httpMethod: 'ANY' })))).toBeInstanceOf(
      NotFoundException,
    );
  });

  it('validates integration URIs and methods with AWS messages', async () => {
    const client = apigateway();
    const { id, root } = await newApi(client);
    await client.send(new PutMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', authorizationType: 'NONE' }));
    const base = { restApiId: id, resourceId: root, httpMethod: 'GET' };
    const cases: Array<[Record<string, string>, string]> = [
      [{ type: 'AWS_PROXY', uri: LAMBDA_URI }, 'Enumeration value for HttpMethod must be non-empty'],
      [{ type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: FN }, 'AWS ARN for integration must contain path or action'],
      [{ type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: 'not-an-arn' }, 'Invalid ARN specified in the request'],
      [
        { type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: `arn:aws:apigateway:us-east-1:lambda:path/random/${FN}/invocations` },
        "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.",
      ],
      [{ type: 'HTTP_PROXY', integrationHttpMethod: 'GET', uri: 'ftp:nothing' }, 'Invalid HTTP endpoint specified for URI'],
    ];
    for (const [extra, message] of cases) {
      const error = await failure(client.send(new PutIntegrationCommand({ ...base, ...extra } as never)));
      expect(error).toBeInstanceOf(BadRequestException);
      expect(error.message).toBe(message);
    }
    const mock = await client.send(new PutIntegrationCommand({ ...base, type: 'MOCK' }));
    expect(mock.type).toBe('MOCK');
    const http = await client.send(
      new PutIntegrationCommand({ ...base, type: 'HTTP_PROXY', integrationHttpMethod: 'ANY', uri: 'http://localhost:9/x' }),
    );
    expect(http).toMatchObject({ type: 'HTTP_PROXY', httpMethod: 'ANY', uri: 'http://localhost:9/x' });
  });

  it('answers Invalid Resource identifier for methods of an unknown API', async () => {
    const error = await failure(
      apigateway().send(
        new PutMethodCommand({ restApiId: 'nope000000', resourceId: 'nope00', httpMethod: 'GET', authorizationType: 'NONE' }),
      ),
    );
    expect(error).toBeInstanceOf(NotFoundException);
    expect(error.message).toBe('Invalid Resource identifier specified');
  });
});
