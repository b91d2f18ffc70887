/** The API Gateway service module the server loads on the first API Gateway request. */
import * as generated from '../../../generated/apigateway/index.js';
import { type ServiceModule, serviceModule } from '../service-module.js';
import { APIGatewayService } from './apigateway-service.js';

export const createAPIGatewayModule = (): ServiceModule<generated.APIGatewayServiceBase> =>
  serviceModule(generated, generated.APIGatewayServiceBase, new APIGatewayService());
