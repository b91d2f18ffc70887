/** Matching a Content-Type or Accept value against an API's binaryMediaTypes (`*` wildcards allowed, e.g. `image/*`, `*\/*`). */

function bare(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase();
}

function matches(pattern: string, candidate: string): boolean {
  // binaryMediaTypes set through UpdateRestApi arrive with `/` escaped as `~1` (RFC 6901).
  const [pType = '', pSub = ''] = pattern.replace(/~1/g, '/').toLowerCase().split('/');
  const [cType = '', cSub = ''] = candidate.split('/');
  return (pType === '*' || pType === cType) && (pSub === '*' || pSub === cSub);
}

/** True when the media type (parameters ignored) matches one of the API's binary media types. */
export function isBinaryMediaType(mediaType: string | undefined, binaryMediaTypes: readonly string[]): boolean {
  if (!mediaType || binaryMediaTypes.length === 0) return false;
  const candidate = bare(mediaType);
  return candidate !== '' && binaryMediaTypes.some((p) => matches(p, candidate));
}

/** API Gateway looks at the first media type of the request's Accept header when choosing a binary response. */
export function firstAccepted(accept: string | undefined): string | undefined {
  return accept?.split(',')[0];
}
