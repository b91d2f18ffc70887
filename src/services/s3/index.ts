/** The S3 service module the server loads on the first S3 request. */
import * as generated from '../../../generated/s3/index.js';
import { type ServiceModule, serviceModule } from '../service-module.js';
import { decorate, intercept } from './edge.js';
import { S3Service } from './s3-service.js';

export const createS3Module = (): ServiceModule<generated.S3ServiceBase> => {
  const service = new S3Service();
  return {
    ...serviceModule(generated, generated.S3ServiceBase, service),
    intercept: (req, ctx) => intercept(service.state, req, ctx),
    decorate: (req, res) => decorate(service.state, req, res),
  };
};
