/**
 * One load per key for callers asking at the same time: a caller of a key being loaded waits for the same
 * promise (its value or its failure); the key is forgotten once the load has settled, so a failure is not
 * kept. Used by the kept totals (data-version.ts) and the kept answers (kept-answers.ts).
 */
export class SingleFlight<T> {
  private readonly running = new Map<string, Promise<T>>();

  run(key: string, load: () => Promise<T>): Promise<T> {
    const known = this.running.get(key);
    if (known) return known;
    const p = load().finally(() => this.running.delete(key));
    this.running.set(key, p);
    return p;
  }
}
