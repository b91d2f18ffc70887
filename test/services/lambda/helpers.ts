/** Shared set-up for the Lambda SDK tests: zips built in memory and functions with unique names. */
import { CreateFunctionCommand, type CreateFunctionCommandInput, type LambdaClient } from '@aws-sdk/client-lambda';
import { strToU8, type Zippable, zipSync } from 'fflate';
import { uniqueName } from '../../support/clients.js';

export const ROLE = 'arn:aws:iam::000000000000:role/lambda-role';

export function zipOf(files: Record<string, string>): Uint8Array {
  const entries: Zippable = {};
  for (const [name, text] of Object.entries(files)) entries[name] = strToU8(text);
  return zipSync(entries);
}

/** Creates a function from inline sources and returns its name. */
export async function createFunction(
  client: LambdaClient,
  files: Record<string, string>,
  options: Partial<CreateFunctionCommandInput> = {},
): Promise<string> {
  const name = options.FunctionName ?? uniqueName('fn');
  const python = Object.keys(files).some((f) => f.endsWith('.py'));
  await client.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: python ? 'python3.12' : 'nodejs20.x',
      Handler: python ? 'app.handler' : 'index.handler',
      Role: ROLE,
      Code: { ZipFile: zipOf(files) },
      ...options,
    }),
  );
  return name;
}

export const text = (payload: Uint8Array | undefined): string => Buffer.from(payload ?? new Uint8Array()).toString('utf8');
export const json = (payload: Uint8Array | undefined): unknown => JSON.parse(text(payload));
