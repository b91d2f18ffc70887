/**
 * CreateFunction/UpdateFunctionConfiguration checks AWS makes before anything else, with its wording (recorded
 * against AWS in LocalStack's tests/aws/services/lambda_/test_lambda_api.snapshot.json, test_create_lambda_exceptions).
 */
import type { Architecture } from '../../../generated/lambda/index.js';
import { InvalidParameterValueException, ValidationException } from '../../../generated/lambda/index.js';
import { constraint, constraintsMessage } from '../../runtime/constraint-messages.js';

// The runtimes AWS accepts for new functions, in the order its message lists them.
const RUNTIMES = [
  'nodejs20.x',
  'python3.14',
  'provided.al2023',
  'python3.12',
  'python3.13',
  'nodejs24.x',
  'nodejs22.x',
  'java25',
  'python3.10',
  'python3.11',
  'java21',
  'ruby3.3',
  'ruby3.4',
  'ruby3.2',
  'python3.8',
  'python3.9',
  'java17',
  'nodejs16.x',
  'dotnet10',
  'dotnet8',
  'java11',
  'dotnet6',
  'nodejs18.x',
  'provided.al2',
  'java8.al2',
];
// Still accepted on existing functions and by older tooling; not listed in the message.
const ALSO_ACCEPTED = new Set(['provided']);

const ROLE = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;

export function checkRuntime(runtime: string | undefined): void {
  if (runtime === undefined || RUNTIMES.includes(runtime) || ALSO_ACCEPTED.has(runtime) || runtime.startsWith('arn:')) return;
  throw new InvalidParameterValueException(
    `Value ${runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [${RUNTIMES.join(', ')}] or be a valid ARN`,
  );
}

/** Required members the request left out, as the model names them: "Value null at 'code' … Member must not be null". */
export function checkRequired(members: Array<[path: string, value: unknown]>): void {
  const message = constraintsMessage(
    members.filter(([, value]) => value === undefined || value === null).map(([path]) => constraint(null, path, 'Member must not be null')),
  );
  if (message !== undefined) throw new ValidationException(message);
}

export function checkRole(role: string | undefined): void {
  if (role === undefined || ROLE.test(role)) return;
  throw new ValidationException(
    `1 validation error detected: Value '${role}' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+`,
  );
}

export function checkArchitectures(architectures: Architecture[] | undefined): void {
  if (!architectures) return;
  if (architectures.length > 1) {
    throw new ValidationException(
      `1 validation error detected: Value '[${architectures.join(', ')}]' at 'architectures' failed to satisfy constraint: Member must have length less than or equal to 1`,
    );
  }
  if (architectures.some((a) => a !== 'x86_64' && a !== 'arm64')) {
    throw new ValidationException(
      `1 validation error detected: Value '[${architectures.join(', ')}]' at 'architectures' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]`,
    );
  }
}

export function checkAliasName(name: string): void {
  if (/^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$/.test(name)) return;
  throw new ValidationException(
    `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)`,
  );
}

export function checkFunctionVersion(value: string | undefined): void {
  if (value === undefined || value === 'ALL') return;
  throw new ValidationException(
    `1 validation error detected: Value '${value}' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]`,
  );
}
