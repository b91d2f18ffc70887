/** Configuration from the environment, including LocalStack's GATEWAY_LISTEN. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';

describe('loadConfig', () => {
  it('listens on 127.0.0.1:4566 by default', () => {
    expect(loadConfig({})).toMatchObject({
      host: '127.0.0.1',
      port: 4566,
      defaultAccountId: '000000000000',
      defaultRegion: 'us-east-1',
      debug: false,
    });
  });

  it('takes STANDIN_HOST and STANDIN_PORT over GATEWAY_LISTEN', () => {
    expect(loadConfig({ STANDIN_HOST: '0.0.0.0', STANDIN_PORT: '5000', GATEWAY_LISTEN: '127.0.0.2:6000' })).toMatchObject({
      host: '0.0.0.0',
      port: 5000,
    });
  });

  it.each([
    ['0.0.0.0:4510', '0.0.0.0', 4510],
    [':4511', '127.0.0.1', 4511],
    ['127.0.0.3:4512,0.0.0.0:4513', '127.0.0.3', 4512],
  ])('honours GATEWAY_LISTEN=%s', (value, host, port) => {
    expect(loadConfig({ GATEWAY_LISTEN: value })).toMatchObject({ host, port });
  });

  it('refuses a port that is not a number', () => {
    expect(() => loadConfig({ STANDIN_PORT: 'http' })).toThrow(/STANDIN_PORT must be a port number/);
  });

  it('leaves Content-Length out of API Gateway proxy events unless STANDIN_APIGW_EVENT_CONTENT_LENGTH is set', () => {
    expect(loadConfig({}).apigwEventContentLength).toBe(false);
    expect(loadConfig({ STANDIN_APIGW_EVENT_CONTENT_LENGTH: '1' }).apigwEventContentLength).toBe(true);
    expect(loadConfig({ STANDIN_APIGW_EVENT_CONTENT_LENGTH: 'true' }).apigwEventContentLength).toBe(true);
  });
});
