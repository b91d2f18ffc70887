/**
 * Tags on REST APIs and stages, addressed by ARN: `arn:aws:apigateway:<region>::/restapis/<id>[/stages/<stage>]`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html).
 */
import { BadRequestException, NotFoundException } from '../../../generated/apigateway/index.js';
import type { ApiGatewayState } from './state.js';

interface Taggable {
  tags?: Record<string, string>;
}

function target(state: ApiGatewayState, arn: string): Taggable {
  const m = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+::\/restapis\/([^/]+)(?:\/stages\/([^/]+))?$/.exec(arn);
  if (!m?.[1]) throw new BadRequestException(`Invalid ARN specified in the request`);
  const api = state.api(m[1]);
  if (!m[2]) return api.api;
  const stage = api.stages.get(m[2]);
  if (!stage) throw new NotFoundException('Invalid Stage identifier specified');
  return stage;
}

export function getTags(state: ApiGatewayState, arn: string): Record<string, string> {
  return { ...target(state, arn).tags };
}

export function tagResource(state: ApiGatewayState, arn: string, tags: Record<string, string>): void {
  const item = target(state, arn);
  item.tags = { ...item.tags, ...tags };
}

export function untagResource(state: ApiGatewayState, arn: string, keys: readonly string[]): void {
  const item = target(state, arn);
  const tags = { ...item.tags };
  for (const key of keys) delete tags[key];
  if (Object.keys(tags).length > 0) item.tags = tags;
  else delete item.tags;
}
