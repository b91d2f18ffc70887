/**
 * Model constraints checked in DynamoDB's own words ("1 validation error detected: Value 'x' at 'tableName'
 * failed to satisfy constraint: Member must have length greater than or equal to 3"). Errors accumulate so one
 * response lists them all, as DynamoDB does.
 */
import { constraint } from '../../../runtime/constraint-messages.js';
import { constraintErrors } from './errors.js';

/** A member of a list entry, as DynamoDB names it: positions count from 1 ('transactItems.2.member.get'). */
export function entryPath(list: string, index: number, member: string): string {
  return `${list}.${index + 1}.member.${member}`;
}

export class Constraints {
  readonly errors: string[] = [];

  tableName(value: string | undefined, path = 'tableName'): this {
    if (value === undefined || value === null) {
      this.errors.push(constraint(undefined, path, 'Member must not be null'));
      return this;
    }
    if (!/^[a-zA-Z0-9_.-]+$/.test(value))
      this.errors.push(constraint(value, path, 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+'));
    if (value.length < 3) this.errors.push(constraint(value, path, 'Member must have length greater than or equal to 3'));
    if (value.length > 255) this.errors.push(constraint(value, path, 'Member must have length less than or equal to 255'));
    return this;
  }

  notNull(value: unknown, path: string): this {
    if (value === undefined || value === null) this.errors.push(constraint(undefined, path, 'Member must not be null'));
    return this;
  }

  range(value: number | undefined, path: string, min: number, max?: number): this {
    if (value === undefined) return this;
    if (value < min) this.errors.push(constraint(value, path, `Member must have value greater than or equal to ${min}`));
    if (max !== undefined && value > max) this.errors.push(constraint(value, path, `Member must have value less than or equal to ${max}`));
    return this;
  }

  length(value: { length: number } | undefined, shown: unknown, path: string, min: number, max?: number): this {
    if (value === undefined) return this;
    // An empty list prints as '[]', as DynamoDB's Java-side message does.
    if (shown === undefined && Array.isArray(value) && value.length === 0) shown = [];
    if (value.length < min) this.errors.push(constraint(shown, path, `Member must have length greater than or equal to ${min}`));
    if (max !== undefined && value.length > max)
      this.errors.push(constraint(shown, path, `Member must have length less than or equal to ${max}`));
    return this;
  }

  enumValue(value: string | undefined, path: string, allowed: readonly string[]): this {
    if (value !== undefined && !allowed.includes(value)) {
      this.errors.push(constraint(value, path, `Member must satisfy enum value set: [${allowed.join(', ')}]`));
    }
    return this;
  }

  /** Throws the accumulated errors, if any. */
  check(): void {
    const err = constraintErrors(this.errors);
    if (err) throw err;
  }
}
