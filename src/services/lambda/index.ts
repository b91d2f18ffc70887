/** The Lambda service module the server loads on the first Lambda request. */
import * as generated from '../../../generated/lambda/index.js';
import { type ServiceModule, serviceModule } from '../service-module.js';
import type { ObjectReader } from './code-source.js';
import { LambdaService } from './lambda-service.js';

/** @param readObject how to read `Code.S3Bucket`/`S3Key` zips from Standin's S3 (given by the server's registry). */
export const createLambdaModule = (readObject?: ObjectReader): ServiceModule<generated.LambdaServiceBase> =>
  serviceModule(generated, generated.LambdaServiceBase, new LambdaService(readObject));
