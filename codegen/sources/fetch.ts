/**
 * Obtains each service's model as models/sources.json pins it, into the ignored cache `.cache/models/`.
 * Every source listed for a service is fetched and verified (so tests can compare them); the first that
 * verifies is the one the generator uses. `SMITHY_MODELS_DIR` may point at a folder of official Smithy
 * JSON files (`<service>.json` or the official `<service>-<version>.json` names) to use instead.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, unzipSync } from 'fflate';
import type { SmithyAst } from '../model/ast.js';
import { c2jToSmithy } from './c2j.js';

export interface MavenSource {
  kind: 'smithy-maven';
  artifact: string;
  path: string;
  sha256: string;
}
export interface BotocoreSource {
  kind: 'botocore-c2j';
  package: string;
  version: string;
  path: string;
  sha256: string;
}
export type ModelSource = MavenSource | BotocoreSource;

export interface ServiceSources {
  serviceShapeId: string;
  sources: ModelSource[];
}

export interface SourcesFile {
  services: Record<string, ServiceSources>;
}

export interface LoadedModel {
  service: string;
  serviceShapeId: string;
  ast: SmithyAst;
  /** e.g. `software.amazon.api.models:dynamodb:1.0.14` or `botocore==1.44.8 (C2J)` */
  origin: string;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function sourceCacheFile(root: string, service: string, source: ModelSource): string {
  return source.kind === 'smithy-maven'
    ? join(root, '.cache/models/sources/maven', `${service}.smithy.json`)
    : join(root, '.cache/models/sources/botocore', `${service}.c2j.json`);
}

function describe(source: ModelSource): string {
  return source.kind === 'smithy-maven' ? source.artifact : `${source.package}==${source.version} (C2J)`;
}

function verify(bytes: Uint8Array, source: ModelSource, where: string): void {
  const actual = sha256(bytes);
  if (actual !== source.sha256) {
    throw new Error(`${where}: sha256 ${actual} does not match the pin ${source.sha256} in models/sources.json`);
  }
}

function fetchMaven(root: string, source: MavenSource): Uint8Array {
  const [group, artifact, version] = source.artifact.split(':');
  if (!group || !artifact || !version) throw new Error(`bad Maven coordinates ${source.artifact}`);
  const jar = join(homedir(), '.m2/repository', ...group.split('.'), artifact, version, `${artifact}-${version}.jar`);
  if (!existsSync(jar)) {
    execFileSync('mvn', ['-q', '-B', 'dependency:get', `-Dartifact=${source.artifact}`, '-Dtransitive=false'], {
      cwd: join(root, '.cache'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
  const files = unzipSync(readFileSync(jar), { filter: (f) => f.name === source.path });
  const bytes = files[source.path];
  if (!bytes) throw new Error(`${jar} has no ${source.path}`);
  return bytes;
}

function fetchBotocore(root: string, source: BotocoreSource): Uint8Array {
  const downloads = join(root, '.cache/models/downloads');
  mkdirSync(downloads, { recursive: true });
  const wheelName = (name: string) => name.startsWith(`${source.package}-${source.version}-`) && name.endsWith('.whl');
  let wheel = readdirSync(downloads).find(wheelName);
  if (!wheel) {
    execFileSync(
      'python3',
      ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '-d', downloads, `${source.package}==${source.version}`],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    wheel = readdirSync(downloads).find(wheelName);
  }
  if (!wheel) throw new Error(`pip did not produce a ${source.package} ${source.version} wheel`);
  const files = unzipSync(readFileSync(join(downloads, wheel)), { filter: (f) => f.name === source.path });
  const gz = files[source.path];
  if (!gz) throw new Error(`${wheel} has no ${source.path}`);
  return source.path.endsWith('.gz') ? gunzipSync(gz) : gz;
}

/** Fetches (or reuses from the cache) one source, verified. */
function obtain(root: string, service: string, source: ModelSource): Uint8Array {
  const cached = sourceCacheFile(root, service, source);
  if (existsSync(cached)) {
    const bytes = readFileSync(cached);
    if (sha256(bytes) === source.sha256) return bytes;
  }
  const bytes = source.kind === 'smithy-maven' ? fetchMaven(root, source) : fetchBotocore(root, source);
  verify(bytes, source, describe(source));
  mkdirSync(join(cached, '..'), { recursive: true });
  writeFileSync(cached, bytes);
  return bytes;
}

function toAst(service: ServiceSources, source: ModelSource, bytes: Uint8Array): SmithyAst {
  const json: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
  return source.kind === 'smithy-maven' ? (json as SmithyAst) : c2jToSmithy(json, { serviceShapeId: service.serviceShapeId });
}

function fromModelsDir(dir: string, service: string, entry: ServiceSources): LoadedModel | undefined {
  const candidates = readdirSync(dir).filter((f) => f === `${service}.json` || f.startsWith(`${service}-`));
  const file = candidates.find((f) => f.endsWith('.json'));
  if (!file) return undefined;
  const bytes = readFileSync(join(dir, file));
  const pinned = entry.sources.find((s) => s.kind === 'smithy-maven');
  const digest = sha256(bytes);
  const origin = pinned && pinned.sha256 === digest ? pinned.artifact : `${join(dir, file)} (sha256 ${digest}, not pinned)`;
  return { service, serviceShapeId: entry.serviceShapeId, ast: JSON.parse(bytes.toString('utf8')), origin };
}

/** Loads every service's model, fetching what the cache lacks. Throws with every attempt named when one cannot be had. */
export function loadModels(root: string): LoadedModel[] {
  const file: SourcesFile = JSON.parse(readFileSync(join(root, 'models/sources.json'), 'utf8'));
  mkdirSync(join(root, '.cache'), { recursive: true });
  const modelsDir = process.env.SMITHY_MODELS_DIR;
  const loaded: LoadedModel[] = [];
  for (const [service, entry] of Object.entries(file.services).sort(([a], [b]) => a.localeCompare(b))) {
    const fromDir = modelsDir ? fromModelsDir(modelsDir, service, entry) : undefined;
    if (fromDir) {
      loaded.push(fromDir);
      continue;
    }
    const failures: string[] = [];
    let chosen: LoadedModel | undefined;
    for (const source of entry.sources) {
      try {
        const bytes = obtain(root, service, source);
        chosen ??= { service, serviceShapeId: entry.serviceShapeId, ast: toAst(entry, source, bytes), origin: describe(source) };
      } catch (error) {
        failures.push(`  - ${describe(source)}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    if (!chosen) {
      throw new Error(
        `Could not obtain the ${service} model from any source in models/sources.json:\n${failures.join('\n')}\n` +
          'Check that mvn and python3 -m pip can reach their registries, or set SMITHY_MODELS_DIR to a folder of Smithy JSON models.',
      );
    }
    loaded.push(chosen);
  }
  return loaded;
}
