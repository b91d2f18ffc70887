/** Tags on REST APIs and stages by ARN: TagResource, GetTags, UntagResource. */
import {
  CreateRestApiCommand,
  GetRestApiCommand,
  GetTagsCommand,
  NotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import { apigateway, uniqueName } from '../../support/clients.js';
import { addMethod, deploy, mock } from './helpers.js';

describe('tags', () => {
  it('tags a REST API by ARN, shows the tags in GetRestApi and GetTags, and untags it', async () => {
    const client = apigateway();
    const api = await client.send(new CreateRestApiCommand({ name: uniqueName('tags'), tags: { team: 'a' } }));
    const arn = `arn:aws:apigateway:us-east-1::/restapis/${api.id}`;
    await client.send(new TagResourceCommand({ resourceArn: arn, tags: { env: 'test' } }));
    expect((await client.send(new GetTagsCommand({ resourceArn: arn }))).tags).toEqual({ team: 'a', env: 'test' });
    expect((await client.send(new GetRestApiCommand({ restApiId: api.id }))).tags).toEqual({ team: 'a', env: 'test' });
    await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team'] }));
    expect((await client.send(new GetTagsCommand({ resourceArn: arn }))).tags).toEqual({ env: 'test' });
  });

  it('tags a stage, and answers NotFoundException for a stage that does not exist', async () => {
    const client = apigateway();
    const api = await client.send(new CreateRestApiCommand({ name: uniqueName('tags') }));
    await addMethod(client, api.id ?? '', api.rootResourceId ?? '', 'GET', mock(200));
    await deploy(client, api.id ?? '', 'dev');
    const arn = `arn:aws:apigateway:us-east-1::/restapis/${api.id}/stages/dev`;
    await client.send(new TagResourceCommand({ resourceArn: arn, tags: { stage: 'dev' } }));
    expect((await client.send(new GetTagsCommand({ resourceArn: arn }))).tags).toEqual({ stage: 'dev' });
    const missing = await client
      .send(new GetTagsCommand({ resourceArn: `arn:aws:apigateway:us-east-1::/restapis/${api.id}/stages/nope` }))
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundException);
    expect((missing as Error).message).toBe('Invalid Stage identifier specified');
  });
});
