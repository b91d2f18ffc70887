/** Shorthands for DynamoDB's own ValidationException texts, thrown from anywhere in the engine. */
import { ValidationException } from '../../../../generated/dynamodb/index.js';

export function validation(message: string): ValidationException {
  return new ValidationException(message);
}

/** "One or more parameter values were invalid: …", DynamoDB's prefix for bad item and key contents. */
export function invalidParameter(detail: string): ValidationException {
  return new ValidationException(`One or more parameter values were invalid: ${detail}`);
}

/** The model-constraint form: "1 validation error detected: Value 'x' at 'tableName' failed to satisfy constraint: …". */
export function constraintErrors(errors: string[]): ValidationException | undefined {
  if (errors.length === 0) return undefined;
  const shown = errors.slice(0, 10);
  return new ValidationException(`${shown.length} validation error${shown.length > 1 ? 's' : ''} detected: ${shown.join('; ')}`);
}

export function constraint(value: unknown, path: string, rule: string): string {
  const shown = value === undefined || value === null ? 'null' : `'${Array.isArray(value) ? `[${value.join(', ')}]` : String(value)}'`;
  return `Value ${shown} at '${path}' failed to satisfy constraint: ${rule}`;
}
