/** Shorthands for DynamoDB's own ValidationException texts, thrown from anywhere in the engine. */
import { ValidationException } from '../../../../generated/dynamodb/index.js';
import { constraintsMessage } from '../../../runtime/constraint-messages.js';

export function validation(message: string): ValidationException {
  return new ValidationException(message);
}

/** "One or more parameter values were invalid: …", DynamoDB's prefix for bad item and key contents. */
export function invalidParameter(detail: string): ValidationException {
  return new ValidationException(`One or more parameter values were invalid: ${detail}`);
}

/** The model-constraint form: "1 validation error detected: Value 'x' at 'tableName' failed to satisfy constraint: …". */
export function constraintErrors(errors: string[]): ValidationException | undefined {
  const message = constraintsMessage(errors);
  return message === undefined ? undefined : new ValidationException(message);
}
