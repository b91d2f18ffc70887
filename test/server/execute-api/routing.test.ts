/** Invoke URL forms and API Gateway's resource matching, on plain data. */
import { describe, expect, it } from 'vitest';
import { invokeTarget } from '../../../src/server/execute-api/invoke-target.js';
import { buildTree, matchRoute } from '../../../src/server/execute-api/resource-router.js';
import type { StoredMethod, StoredResource } from '../../../src/services/apigateway/state.js';

describe('invoke URLs', () => {
  it('reads the host form, the /_aws/execute-api form and the legacy _user_request_ form', () => {
    expect(invokeTarget('abc123.execute-api.localhost.localstack.cloud:4566', '/dev/users/1')).toEqual({
      apiId: 'abc123',
      stage: 'dev',
      path: '/users/1',
    });
    expect(invokeTarget('localhost:4566', '/_aws/execute-api/abc123/dev/users/a%2Fb')).toEqual({
      apiId: 'abc123',
      stage: 'dev',
      path: '/users/a%2Fb',
    });
    expect(invokeTarget('localhost:4566', '/restapis/abc123/dev/_user_request_/users')).toEqual({
      apiId: 'abc123',
      stage: 'dev',
      path: '/users',
    });
  });

  it('gives the root path when nothing follows the stage', () => {
    expect(invokeTarget('abc123.execute-api.localhost', '/dev')).toEqual({ apiId: 'abc123', stage: 'dev', path: '/' });
    expect(invokeTarget('localhost', '/_aws/execute-api/abc123/dev/')).toEqual({ apiId: 'abc123', stage: 'dev', path: '/' });
    expect(invokeTarget('localhost', '/restapis/abc123/dev/_user_request_')).toEqual({ apiId: 'abc123', stage: 'dev', path: '/' });
  });
});

const method = (httpMethod: string): StoredMethod => ({ httpMethod, authorizationType: 'NONE', methodResponses: {} });

function tree(parts: Array<[id: string, parent: string | undefined, part: string | undefined, methods: string[]]>) {
  const byId = new Map<string, StoredResource>();
  for (const [id, parent, part, methods] of parts) {
    const parentPath = parent ? (byId.get(parent)?.path ?? '') : '';
    const path = part === undefined ? '/' : parentPath === '/' ? `/${part}` : `${parentPath}/${part}`;
    const r: StoredResource = { id, path, methods: new Map(methods.map((m) => [m, method(m)])) };
    if (parent) r.parentId = parent;
    if (part !== undefined) r.pathPart = part;
    byId.set(id, r);
  }
  return buildTree([...byId.values()]);
}

describe('resource matching', () => {
  const root = tree([
    ['root', undefined, undefined, ['GET']],
    ['users', 'root', 'users', ['GET']],
    ['user', 'users', '{id}', ['ANY']],
    ['me', 'users', 'me', ['GET']],
    ['rest', 'user', '{proxy+}', ['GET']],
    ['greedy', 'root', '{proxy+}', ['ANY']],
  ]);
  const at = (path: string, m = 'GET') => {
    const found = matchRoute(root, path, m);
    return found && [found.resource.id, found.pathParameters];
  };

  it('prefers exact parts over {param} over {proxy+}', () => {
    expect(at('/users')).toEqual(['users', {}]);
    expect(at('/users/me')).toEqual(['me', {}]);
    expect(at('/users/42')).toEqual(['user', { id: '42' }]);
    expect(at('/users/42/a/b')).toEqual(['rest', { id: '42', proxy: 'a/b' }]);
    expect(at('/other/thing')).toEqual(['greedy', { proxy: 'other/thing' }]);
    expect(at('/')).toEqual(['root', {}]);
  });

  it('falls back to ANY, and past resources without the method', () => {
    expect(at('/users/42', 'DELETE')).toEqual(['user', { id: '42' }]);
    expect(at('/users', 'POST')).toEqual(['greedy', { proxy: 'users' }]);
  });

  it('ignores a trailing slash, keeps double slashes and encoding inside {proxy+}', () => {
    expect(at('/proxy-value/')).toEqual(['greedy', { proxy: 'proxy-value' }]);
    expect(at('/proxy-value//double-slash')).toEqual(['greedy', { proxy: 'proxy-value//double-slash' }]);
    expect(at('/users/a%2Bb%40c')).toEqual(['user', { id: 'a%2Bb%40c' }]);
  });

  it('matches nothing for an unknown path without a greedy resource', () => {
    const small = tree([
      ['root', undefined, undefined, []],
      ['things', 'root', 'things', ['GET']],
    ]);
    expect(matchRoute(small, '/things', 'GET')?.resource.id).toBe('things');
    expect(matchRoute(small, '/things', 'POST')).toBeUndefined();
    expect(matchRoute(small, '/nothing', 'GET')).toBeUndefined();
    expect(matchRoute(small, '/', 'GET')).toBeUndefined();
  });
});
