/**
 * The three invoke URL forms LocalStack users have (localstack execute_api/router.py):
 *   http://<apiId>.execute-api.<any host>/<stage>/<path>
 *   http://<host>/_aws/execute-api/<apiId>/<stage>/<path>
 *   http://<host>/restapis/<apiId>/<stage>/_user_request_/<path>   (legacy)
 * The path stays percent-encoded, as API Gateway hands it on (aws-wire-checklist §6.1).
 */
export interface InvokeTarget {
  apiId: string;
  /** '' when the URL names no stage. */
  stage: string;
  /** The path after the stage, starting with '/', still percent-encoded. */
  path: string;
}

function split(rest: string): { stage: string; path: string } {
  // rest is `<stage>/<path…>` or `<stage>` or ''.
  const slash = rest.indexOf('/');
  if (slash < 0) return { stage: rest, path: '/' };
  return { stage: rest.slice(0, slash), path: rest.slice(slash) || '/' };
}

export function invokeTarget(host: string, rawPath: string): InvokeTarget | undefined {
  const byHost = /^([a-z0-9_-]+)\.execute-api\./i.exec(host);
  if (byHost?.[1]) return { apiId: byHost[1], ...split(rawPath.replace(/^\//, '')) };
  const internal = /^\/_aws\/execute-api\/([^/]+)\/?(.*)$/.exec(rawPath);
  if (internal?.[1]) return { apiId: internal[1], ...split(internal[2] ?? '') };
  const legacy = /^\/restapis\/([^/]+)\/([^/]+)\/_user_request_(\/.*)?$/.exec(rawPath);
  if (legacy?.[1] && legacy[2]) return { apiId: legacy[1], stage: legacy[2], path: legacy[3] || '/' };
  return undefined;
}
