/**
 * ExpressionAttributeNames / ExpressionAttributeValues for one request: validated up front, looked up by the
 * parser, and checked afterwards for entries no expression used (DynamoDB rejects those).
 */
import type { AttributeValue } from '../../../../generated/dynamodb/index.js';
import { validation } from '../validation/errors.js';
import { checkValue } from '../values/attribute-value.js';

export class ExpressionContext {
  // Most requests carry no placeholders: the sets are made on first use.
  private usedNames: Set<string> | undefined;
  private usedValues: Set<string> | undefined;
  private readonly values: Record<string, AttributeValue> = {};
  private readonly placeholders: boolean;

  constructor(
    private readonly names: Record<string, string> | undefined,
    values: Record<string, AttributeValue> | undefined,
  ) {
    this.placeholders = names !== undefined || values !== undefined;
    if (!this.placeholders) return;
    if (names !== undefined && Object.keys(names).length === 0) throw validation('ExpressionAttributeNames must not be empty');
    if (values !== undefined && Object.keys(values).length === 0) throw validation('ExpressionAttributeValues must not be empty');
    for (const key of Object.keys(names ?? {})) {
      if (!/^#[A-Za-z0-9_]+$/.test(key)) throw validation(`ExpressionAttributeNames contains invalid key: Syntax error; key: "${key}"`);
    }
    for (const [key, value] of Object.entries(values ?? {})) {
      if (!/^:[A-Za-z0-9_]+$/.test(key)) throw validation(`ExpressionAttributeValues contains invalid key: Syntax error; key: "${key}"`);
      try {
        this.values[key] = checkValue(value);
      } catch (err) {
        throw validation(`ExpressionAttributeValues contains invalid value: ${(err as Error).message} for key ${key}`);
      }
    }
  }

  /** Rejects placeholders sent without any expression to use them ("… can only be specified when using expressions"). */
  requireExpressions(present: boolean, missing: string): void {
    if (present) return;
    // dynalite's recorded messages: the names variant has no suffix, the values variant names the null expressions.
    if (this.names !== undefined) throw validation('ExpressionAttributeNames can only be specified when using expressions');
    if (Object.keys(this.values).length > 0)
      throw validation(`ExpressionAttributeValues can only be specified when using expressions: ${missing}`);
  }

  name(ref: string): string | undefined {
    const resolved = this.names?.[ref];
    if (resolved === undefined) return undefined;
    this.usedNames ??= new Set();
    this.usedNames.add(ref);
    return resolved;
  }

  value(ref: string): AttributeValue | undefined {
    const resolved = this.values[ref];
    if (resolved === undefined) return undefined;
    this.usedValues ??= new Set();
    this.usedValues.add(ref);
    return resolved;
  }

  /** After every expression of the request is parsed: unused names first, then unused values. */
  checkUnused(prefix = ''): void {
    if (!this.placeholders) return;
    const names = Object.keys(this.names ?? {}).filter((k) => !this.usedNames?.has(k));
    if (names.length > 0)
      throw validation(`${prefix}Value provided in ExpressionAttributeNames unused in expressions: keys: {${names.join(', ')}}`);
    const values = Object.keys(this.values).filter((k) => !this.usedValues?.has(k));
    if (values.length > 0)
      throw validation(`${prefix}Value provided in ExpressionAttributeValues unused in expressions: keys: {${values.join(', ')}}`);
  }
}
