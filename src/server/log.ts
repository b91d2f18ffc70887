/** One structured line per request; quiet unless DEBUG=1. */
import type { Config } from './config.js';

export interface RequestLogLine {
  service: string;
  operation: string;
  method: string;
  path: string;
  status: number;
  ms: number;
  requestId: string;
}

export function log(config: Config, line: RequestLogLine): void {
  if (!config.debug) return;
  process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), ...line, ms: Math.round(line.ms * 10) / 10 })}\n`);
}
