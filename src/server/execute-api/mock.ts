/**
 * The MOCK integration for the simple cases: the status code comes from the request template
 * (`{"statusCode": 200}`), the body from the matching integration response's template (served as written:
 * Standin does not evaluate VTL), headers from its static `'value'` response parameters.
 */
import type { StoredIntegration } from '../../services/apigateway/state.js';

export interface MockResponse {
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

function templateStatus(integration: StoredIntegration, contentType: string | undefined): number | undefined {
  const templates = integration.requestTemplates ?? {};
  const template = templates[(contentType ?? 'application/json').split(';')[0]?.trim() ?? ''] ?? templates['application/json'];
  const m = template ? /"?statusCode"?\s*:\s*"?(\d{3})/.exec(template) : null;
  return m?.[1] ? Number(m[1]) : undefined;
}

export function mockResponse(integration: StoredIntegration, contentType: string | undefined): MockResponse | undefined {
  const status = templateStatus(integration, contentType);
  if (status === undefined) return undefined;
  const responses = Object.values(integration.integrationResponses);
  // The response whose status matches, else the default one (no selection pattern).
  const chosen = responses.find((r) => r.statusCode === String(status)) ?? responses.find((r) => !r.selectionPattern);
  if (!chosen) return { status, headers: [['Content-Type', 'application/json']], body: '' };
  const headers: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(chosen.responseParameters ?? {})) {
    const name = /^method\.response\.header\.(.+)$/.exec(key)?.[1];
    const literal = /^'(.*)'$/.exec(value)?.[1];
    if (name && literal !== undefined) headers.push([name, literal]);
  }
  const templates = chosen.responseTemplates ?? {};
  const [type, body] = Object.entries(templates)[0] ?? ['application/json', ''];
  if (!headers.some(([n]) => n.toLowerCase() === 'content-type')) headers.push(['Content-Type', type]);
  return { status: Number(chosen.statusCode ?? status), headers, body: body ?? '' };
}
