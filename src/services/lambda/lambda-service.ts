/** Standin's Lambda: the generated LambdaServiceBase with the operations implemented so far. */
import { LambdaServiceBase, type ListFunctionsRequest, type ListFunctionsResponse } from '../../../generated/lambda/index.js';

export class LambdaService extends LambdaServiceBase {
  reset(): void {}

  override async listFunctions(_input: ListFunctionsRequest): Promise<ListFunctionsResponse> {
    // Functions arrive with the Lambda issue.
    return { Functions: [] };
  }
}
