/** S3 state. Bucket names are global across accounts and regions, as in AWS. */

export interface Bucket {
  name: string;
  region: string;
  accountId: string;
  createdAt: Date;
}

export class S3State {
  readonly buckets = new Map<string, Bucket>();

  reset(): void {
    this.buckets.clear();
  }
}
