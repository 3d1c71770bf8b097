/**
 * Whole answers of read routes, kept against the data version (ADR 0019). A read that depends only on the
 * data, the asker, the query, the language and the day gives the same bytes until a write moves the
 * version (every write leaves an event: ADR 0006), so the serialised answer is kept under a key made of all
 * of them and sent again as it is. Concurrent readers of one key share one computation; a computation that
 * fails is not kept. Bounded by the bytes kept (oldest entries go first), per server process.
 */
export class KeptAnswers {
  private readonly map = new Map<string, string>();
  private readonly loading = new Map<string, Promise<string>>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get size(): number {
    return this.map.size;
  }

  getOrCompute(key: string, compute: () => Promise<string>): Promise<string> {
    const known = this.map.get(key);
    if (known !== undefined) {
      // Most recently read last: the oldest unread entries leave first.
      this.map.delete(key);
      this.map.set(key, known);
      return Promise.resolve(known);
    }
    const running = this.loading.get(key);
    if (running) return running;
    const p = compute().then(
      (body) => {
        this.loading.delete(key);
        this.keep(key, body);
        return body;
      },
      (err: unknown) => {
        this.loading.delete(key);
        throw err;
      },
    );
    this.loading.set(key, p);
    return p;
  }

  private keep(key: string, body: string): void {
    // One answer larger than a quarter of the room is sent but not kept.
    if (body.length * 2 > this.maxBytes / 4) return;
    const old = this.map.get(key);
    if (old !== undefined) this.bytes -= old.length * 2;
    this.map.set(key, body);
    this.bytes += body.length * 2;
    while (this.bytes > this.maxBytes) {
      const [k, v] = this.map.entries().next().value as [string, string];
      this.map.delete(k);
      this.bytes -= v.length * 2;
    }
  }
}
