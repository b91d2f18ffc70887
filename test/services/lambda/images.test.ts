/** Which image the Docker executor asks the engine for, per runtime and configuration. */
import { describe, expect, it } from 'vitest';
import { awsBaseImage, imageFor } from '../../../src/services/lambda/executors/docker.js';

describe('Docker executor images', () => {
  it('maps runtimes to AWS base images by default', () => {
    expect(awsBaseImage('python3.12')).toBe('public.ecr.aws/lambda/python:3.12');
    expect(awsBaseImage('nodejs20.x')).toBe('public.ecr.aws/lambda/nodejs:20');
    expect(awsBaseImage('provided.al2')).toBe('public.ecr.aws/lambda/provided:al2');
    expect(imageFor('python3.9', {})).toBe('public.ecr.aws/lambda/python:3.9');
  });

  it('prefers the per-runtime mapping, then the one image for all', () => {
    const env = { STANDIN_LAMBDA_DOCKER_IMAGES: '{"python3.12":"mine/py:3.12"}', STANDIN_LAMBDA_DOCKER_IMAGE: 'all:latest' };
    expect(imageFor('python3.12', env)).toBe('mine/py:3.12');
    expect(imageFor('nodejs22.x', env)).toBe('all:latest');
  });

  it('rejects a mapping that is not JSON', () => {
    expect(() => imageFor('python3.12', { STANDIN_LAMBDA_DOCKER_IMAGES: 'python3.12=x' })).toThrow(/must be a JSON object/);
  });
});
