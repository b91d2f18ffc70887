/** `npm start`: serve every service on one port and print `Ready.` once listening (testcontainers waits for it). */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createListener } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig();
const server = createServer(createListener(config));
server.listen(config.port, config.host, () => {
  const info = server.address() as AddressInfo;
  process.stdout.write(`Standin listening on http://${info.address}:${info.port}\nReady.\n`);
});
server.on('error', (error) => {
  console.error(`standin: cannot listen on ${config.host}:${config.port}: ${error.message}`);
  process.exit(1);
});
const stop = () => {
  server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
