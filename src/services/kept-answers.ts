/**
 * Whole answers of read routes, kept against the data version (ADR 0019). A read that depends only on the
 * data, the asker, the query, the language and the day gives the same bytes until a write moves the
 * version (every write leaves an event: ADR 0006), so the serialised answer is kept under a key made of all
 * of them and sent again as it is. Concurrent readers of one key share one computation; a computation that
 * fails is not kept. Bounded by the bytes kept (oldest entries go first), per server process, and by age: a
 * change made behind the commands' back (an operator's SQL, a migration of a newer server) is seen within
 * `maxAgeMs` at most.
 */
import { SingleFlight } from './single-flight.js';

export class KeptAnswers {
  private readonly map = new Map<string, { body: string; at: number }>();
  private readonly loading = new SingleFlight<string>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly maxAgeMs = 300_000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get size(): number {
    return this.map.size;
  }

  getOrCompute(key: string, compute: () => Promise<string>): Promise<string> {
    const known = this.map.get(key);
    const t = this.now().getTime();
    if (known !== undefined && t >= known.at && t - known.at <= this.maxAgeMs) {
      // Most recently read last: the oldest unread entries leave first.
      this.map.delete(key);
      this.map.set(key, known);
      return Promise.resolve(known.body);
    }
    return this.loading.run(key, async () => {
      const body = await compute();
      this.keep(key, body, t);
      return body;
    });
  }

  private keep(key: string, body: string, at: number): void {
    const old = this.map.get(key);
    if (old !== undefined) {
      this.map.delete(key);
      this.bytes -= old.body.length * 2;
    }
    // One answer larger than a quarter of the room is sent but not kept.
    if (body.length * 2 > this.maxBytes / 4) return;
    this.map.set(key, { body, at });
    this.bytes += body.length * 2;
    while (this.bytes > this.maxBytes) {
      const [k, v] = this.map.entries().next().value as [string, { body: string }];
      this.map.delete(k);
      this.bytes -= v.body.length * 2;
    }
  }
}
