/**
 * Narrowing helpers for reading botocore C2J JSON (`service-2.json`) without `any`.
 * Every failure names where in the model it happened, so an unexpected model change is easy to locate.
 */

export type JsonObject = Record<string, unknown>;

/** Keys that only carry prose for humans. They are dropped: no model documentation may reach the output. */
const DOC_KEYS: ReadonlySet<string> = new Set(['documentation', 'documentationUrl', 'deprecatedMessage', 'deprecatedSince']);

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function fail(where: string, message: string): never {
  throw new Error(`c2j: ${where}: ${message}`);
}

export function asObject(value: unknown, where: string): JsonObject {
  if (!isObject(value)) fail(where, `expected an object, got ${preview(value)}`);
  return value;
}

export function asString(value: unknown, where: string): string {
  if (typeof value !== 'string') fail(where, `expected a string, got ${preview(value)}`);
  return value;
}

export function asNumber(value: unknown, where: string): number {
  if (typeof value !== 'number') fail(where, `expected a number, got ${preview(value)}`);
  return value;
}

export function asStringArray(value: unknown, where: string): string[] {
  if (!Array.isArray(value)) fail(where, `expected an array, got ${preview(value)}`);
  return value.map((item, i) => asString(item, `${where}[${i}]`));
}

export function optString(o: JsonObject, key: string, where: string): string | undefined {
  return o[key] === undefined ? undefined : asString(o[key], `${where} key "${key}"`);
}

export function optNumber(o: JsonObject, key: string, where: string): number | undefined {
  return o[key] === undefined ? undefined : asNumber(o[key], `${where} key "${key}"`);
}

/** A C2J boolean flag: absent means false. Anything but a boolean is a model we do not understand. */
export function flag(o: JsonObject, key: string, where: string): boolean {
  const value = o[key];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') fail(where, `key "${key}" expected a boolean, got ${preview(value)}`);
  return value;
}

/**
 * Rejects every key that is neither handled by the caller, nor pure documentation, nor on the caller's
 * allow-list of keys that do not matter to a server (the record value says why, for the reader).
 */
export function checkKeys(o: JsonObject, handled: readonly string[], ignored: Readonly<Record<string, string>>, where: string): void {
  for (const key of Object.keys(o)) {
    if (DOC_KEYS.has(key) || handled.includes(key) || Object.hasOwn(ignored, key)) continue;
    fail(where, `unsupported key "${key}" = ${preview(o[key])}`);
  }
}
