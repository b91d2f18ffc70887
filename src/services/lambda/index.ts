/** The Lambda service module the server loads on the first Lambda request. */
import * as generated from '../../../generated/lambda/index.js';
import { type ServiceModule, serviceModule } from '../service-module.js';
import { LambdaService } from './lambda-service.js';

export const createLambdaModule = (): ServiceModule<generated.LambdaServiceBase> =>
  serviceModule(generated, generated.LambdaServiceBase, new LambdaService());
