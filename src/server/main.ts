/** `npm start`: serve every service on one port and print `Ready.` once listening (testcontainers waits for it). */
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig();
const app = createApp(config);
const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
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
