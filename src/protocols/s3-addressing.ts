/**
 * Where the bucket is in an S3 request: virtual-hosted style (`<bucket>.s3.<anything>`, `<bucket>.localhost`,
 * `<bucket>.s3.localhost.localstack.cloud`) or path style (`/<bucket>/<key>`).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html
 */

/** Host names that address the service itself, never a bucket. */
const SERVICE_HOSTS = [/^s3\.localhost\.localstack\.cloud$/, /^localhost\.localstack\.cloud$/, /^localhost$/, /^s3[.-]/];

/** Returns the bucket named by the Host header, or undefined for path-style requests. */
export function bucketFromHost(hostHeader: string | undefined, extraBase?: string): string | undefined {
  if (!hostHeader) return undefined;
  const host = hostHeader.replace(/:\d+$/, '').toLowerCase();
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[')) return undefined;
  if (SERVICE_HOSTS.some((re) => re.test(host))) return undefined;
  const s3 = host.search(/\.s3[.-]/);
  if (s3 > 0) return host.slice(0, s3);
  if (host.endsWith('.s3.localhost.localstack.cloud')) return host.slice(0, -'.s3.localhost.localstack.cloud'.length);
  if (host.endsWith('.localhost.localstack.cloud')) return host.slice(0, -'.localhost.localstack.cloud'.length);
  if (host.endsWith('.localhost')) return host.slice(0, -'.localhost'.length);
  if (extraBase && host.endsWith(`.${extraBase}`)) return host.slice(0, -(extraBase.length + 1));
  return undefined;
}
