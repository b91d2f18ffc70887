/**
 * S3 lists keys in UTF-8 byte order. JavaScript compares UTF-16 code units, which agrees with it except that
 * surrogates (characters above U+FFFF) sort before U+E000–U+FFFF. Remapping those two ranges restores the
 * code-point order, which is the UTF-8 byte order.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html ("returned in UTF-8 binary order")
 */

/** A code unit's rank in code-point order. */
const rank = (c: number): number => (c < 0xd800 ? c : c >= 0xe000 ? c - 0x800 : c + 0x2000);
const unrank = (r: number): number => (r < 0xd800 ? r : r >= 0xf800 ? r - 0x2000 : r + 0x800);

export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return rank(x) - rank(y);
  }
  return a.length - b.length;
}

/** The smallest key after every key that starts with `prefix` (to skip a whole common prefix). */
export function pastPrefix(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(unrank(rank(last) + 1));
}

/** The smallest key after `key`. */
export const pastKey = (key: string): string => `${key}\u0000`;
