/** Small helpers generated serde calls for payload members. */
import type { AwsResponse, ResponseBody } from './request.js';
import { setHeader } from './request.js';
import type { MemberSchema, ShapeRegistry } from './schema.js';

/** The member schema of `structure.member`, looked up once per call (structures have few members). */
export function memberOf(shapes: ShapeRegistry, structure: string, member: string): MemberSchema {
  const s = shapes[structure];
  const m = s && 'members' in s ? s.members.find((x) => x.name === member) : undefined;
  if (!m) throw new Error(`no member ${structure}$${member}`);
  return m;
}

/** A blob or string @httpPayload: sent as is. */
export function writeRawPayload(res: AwsResponse, value: ResponseBody | undefined): void {
  if (value !== undefined && value !== null) res.body = value;
}

/** awsJson operations with no output answer `{}`. */
export function writeEmptyJsonObject(res: AwsResponse): void {
  setHeader(res, 'Content-Type', 'application/x-amz-json-1.0');
  res.body = '{}';
}
