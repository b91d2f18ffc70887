/** Standin's API Gateway control plane: the generated APIGatewayServiceBase with the operations implemented so far. */
import { APIGatewayServiceBase, type GetRestApisRequest, type RestApis } from '../../../generated/apigateway/index.js';

export class APIGatewayService extends APIGatewayServiceBase {
  reset(): void {}

  override async getRestApis(_input: GetRestApisRequest): Promise<RestApis> {
    // REST APIs arrive with the API Gateway issue.
    return { items: [] };
  }
}
