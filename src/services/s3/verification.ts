/** Whether S3 verifies signatures, and with which credentials (README: Signatures). */

/** Credentials S3 accepts when verifying: STANDIN_S3_CREDENTIALS=`AKID:SECRET[,AKID:SECRET…]`, default `test:test`. */
export function verificationSecrets(env: NodeJS.ProcessEnv = process.env): ReadonlyMap<string, string> | undefined {
  if (env.STANDIN_S3_VERIFY_SIGNATURES !== '1') return undefined;
  const pairs = (env.STANDIN_S3_CREDENTIALS ?? 'test:test')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return new Map(
    pairs.map((p) => {
      const colon = p.indexOf(':');
      return [p.slice(0, colon), p.slice(colon + 1)] as [string, string];
    }),
  );
}
