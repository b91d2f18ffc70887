/** The S3 service module the server loads on the first S3 request. */
import * as generated from '../../../generated/s3/index.js';
import { type ServiceModule, serviceModule } from '../service-module.js';
import { S3Service } from './s3-service.js';

export const createS3Module = (): ServiceModule<generated.S3ServiceBase> =>
  serviceModule(generated, generated.S3ServiceBase, new S3Service());
