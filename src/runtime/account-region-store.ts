/**
 * One store per (account, region), created on first use (ARCHITECTURE.md, "State"). Services keep their
 * per-region state in one of these; `clear()` backs POST /_standin/reset.
 */
export class AccountRegionStore<T> {
  private readonly stores = new Map<string, T>();

  constructor(private readonly create: (accountId: string, region: string) => T) {}

  /** The last store handed out: consecutive requests nearly always come from one account and region. */
  private last: { accountId: string; region: string; store: T } | undefined;

  get(accountId: string, region: string): T {
    const last = this.last;
    if (last && last.accountId === accountId && last.region === region) return last.store;
    const key = `${accountId}/${region}`;
    let store = this.stores.get(key);
    if (!store) {
      store = this.create(accountId, region);
      this.stores.set(key, store);
    }
    this.last = { accountId, region, store };
    return store;
  }

  /** Every store created so far, with its account and region. */
  *entries(): IterableIterator<[accountId: string, region: string, store: T]> {
    for (const [key, store] of this.stores) {
      const [accountId = '', region = ''] = key.split('/');
      yield [accountId, region, store];
    }
  }

  clear(): void {
    this.last = undefined;
    this.stores.clear();
  }
}
