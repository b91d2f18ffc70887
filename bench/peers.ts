/**
 * Peer emulators the benchmarks run side by side with Standin: moto's server (PyPI), s3rver and dynalite (npm).
 * They are installed on demand into .cache/peers (never into the project's dependencies).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface PeerCommand {
  name: string;
  /** Command and arguments; `{port}` is replaced by the port to listen on. */
  argv: string[];
}

export const PEER_VERSIONS = { moto: '5.2.5', s3rver: '3.7.1', dynalite: '4.0.0' } as const;

export function installPeers(root: string): PeerCommand[] {
  const dir = join(root, '.cache/peers');
  mkdirSync(dir, { recursive: true });
  const peers: PeerCommand[] = [];
  try {
    const venv = join(dir, 'venv');
    if (!existsSync(join(venv, 'bin/moto_server'))) {
      execFileSync('python3', ['-m', 'venv', venv], { stdio: 'ignore' });
      execFileSync(join(venv, 'bin/pip'), ['install', '-q', `moto[server]==${PEER_VERSIONS.moto}`], { stdio: 'inherit' });
    }
    peers.push({ name: `moto_server ${PEER_VERSIONS.moto}`, argv: [join(venv, 'bin/moto_server'), '-p', '{port}'] });
  } catch (error) {
    console.warn(`bench: moto could not be installed (${(error as Error).message.split('\n')[0]}); skipping it`);
  }
  try {
    const bin = (name: string) => join(dir, 'node_modules/.bin', name);
    if (!existsSync(bin('s3rver')) || !existsSync(bin('dynalite'))) {
      execFileSync(
        'npm',
        ['install', '--prefix', dir, '--no-audit', '--no-fund', `s3rver@${PEER_VERSIONS.s3rver}`, `dynalite@${PEER_VERSIONS.dynalite}`],
        {
          stdio: 'ignore',
        },
      );
    }
    peers.push({
      name: `s3rver ${PEER_VERSIONS.s3rver}`,
      argv: [bin('s3rver'), '--port', '{port}', '--directory', join(dir, 's3rver-data'), '--silent'],
    });
    peers.push({ name: `dynalite ${PEER_VERSIONS.dynalite}`, argv: [bin('dynalite'), '--port', '{port}'] });
  } catch (error) {
    console.warn(`bench: s3rver/dynalite could not be installed (${(error as Error).message.split('\n')[0]}); skipping them`);
  }
  return peers;
}
