/**
 * The wording AWS's Java (coral) services use for model-constraint failures, shared by DynamoDB and Lambda:
 * "2 validation errors detected: Value null at 'code' failed to satisfy constraint: Member must not be null; …".
 * At most ten are listed.
 */

export function constraint(value: unknown, path: string, rule: string): string {
  const shown = value === undefined || value === null ? 'null' : `'${Array.isArray(value) ? `[${value.join(', ')}]` : String(value)}'`;
  return `Value ${shown} at '${path}' failed to satisfy constraint: ${rule}`;
}

/** The whole message for the failures found, or undefined when there are none. */
export function constraintsMessage(errors: string[]): string | undefined {
  if (errors.length === 0) return undefined;
  const shown = errors.slice(0, 10);
  return `${shown.length} validation error${shown.length > 1 ? 's' : ''} detected: ${shown.join('; ')}`;
}
