/** Lambda state per (account, region): functions, their published versions and aliases. */
import type { AliasConfiguration, FunctionConfiguration } from '../../../generated/lambda/index.js';

/** Where a version's code lives on disk. */
export interface CodeRef {
  /** Directory the runtime's task root points at. */
  dir: string;
  /** The uploaded zip (served by GetFunction's Code.Location); absent for hot-reload folders. */
  zip?: Uint8Array;
  sha256: string;
  size: number;
  /** LocalStack's hot-reload convention: `dir` is the user's folder, never deleted, re-read on change. */
  hotReload: boolean;
  /** Set when the directory belongs to Standin and is removed with the last version using it. */
  owned: boolean;
  /** PackageType Image: the container image that holds the code (run by the Docker executor). */
  imageUri?: string;
}

export interface VersionRecord {
  config: FunctionConfiguration;
  code: CodeRef;
  /** Changes whenever code or configuration change, so warm environments of an older revision retire. */
  revision: string;
}

export interface LambdaFunction {
  name: string;
  arn: string;
  latest: VersionRecord;
  versions: Map<string, VersionRecord>;
  aliases: Map<string, AliasConfiguration>;
  nextVersion: number;
  tags: Record<string, string>;
}

export class LambdaRegionState {
  readonly functions = new Map<string, LambdaFunction>();

  constructor(
    readonly accountId: string,
    readonly region: string,
  ) {}
}
