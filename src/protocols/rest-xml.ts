/**
 * restXml error envelopes: https://smithy.io/2.0/aws/protocols/aws-restxml-protocol.html#error-response-serialization
 * Generic restXml wraps `<Error>` in `<ErrorResponse>`; S3 (`noErrorWrapping`) sends `<Error>` at the root.
 */
import type { AwsServiceError } from '../runtime/errors.js';

const escapeXml = (s: string): string =>
  s.replace(/[&<>"'\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' })[c] ?? c);

function text(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return escapeXml(String(value));
}

/** `<Error><Code/><Message/>{members}<RequestId/>[<HostId/>]</Error>`, optionally wrapped in `<ErrorResponse>`. */
export function xmlErrorDocument(
  error: AwsServiceError,
  ids: { requestId: string; hostId?: string },
  options: { wrapped: boolean; type?: boolean },
): string {
  const parts = [`<Code>${escapeXml(error.code)}</Code>`, `<Message>${text(error.message)}</Message>`];
  for (const [name, value] of Object.entries(error.members)) {
    if (value === undefined || value === null || name === 'Message' || name === 'Code') continue;
    parts.push(`<${name}>${text(value)}</${name}>`);
  }
  if (options.type) parts.unshift(`<Type>${error.fault === 'client' ? 'Sender' : 'Receiver'}</Type>`);
  const inner = `<Error>${parts.join('')}${options.wrapped ? '' : `<RequestId>${ids.requestId}</RequestId>`}${!options.wrapped && ids.hostId ? `<HostId>${ids.hostId}</HostId>` : ''}</Error>`;
  const doc = options.wrapped ? `<ErrorResponse>${inner}<RequestId>${ids.requestId}</RequestId></ErrorResponse>` : inner;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${doc}`;
}
