// Replay protection, as jupyter_client's Session.digest_history: a correctly signed message
// seen once must not run twice, so the signatures of recent messages are remembered and a
// repeat is dropped. Bounded: when full, the oldest tenth is forgotten (as jupyter_client culls).
export class SignatureHistory {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 2 ** 16) {}

  /** Records `signature`; false when it was already seen (a replay). Empty signatures pass. */
  record(signature: string): boolean {
    if (signature === "") return true;
    if (this.seen.has(signature)) return false;
    if (this.seen.size >= this.capacity) {
      let drop = Math.max(1, Math.floor(this.capacity / 10));
      for (const old of this.seen) {
        this.seen.delete(old);
        if (--drop === 0) break;
      }
    }
    this.seen.add(signature);
    return true;
  }
}
