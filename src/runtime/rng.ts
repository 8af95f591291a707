// Seeded pseudo-random numbers for notebooks (sfc32, seeded through splitmix32): small,
// fast, and the same sequence on every machine, so a notebook's results are reproducible.

export interface Rng {
  /** Uniform in [0, 1). */
  (): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** A new generator whose stream is independent of this one's future draws. */
  fork(): Rng;
}

/**
 * A seeded generator (sfc32 seeded through splitmix32): the same sequence on every machine for
 * the same `seed`. Call it for a uniform draw in [0, 1); `.int(n)` gives an integer in [0, n),
 * `.normal()` a standard normal (Box–Muller), `.fork()` an independent child generator.
 * @example
 * const r = rng(1);
 * const u = r(); // [0, 1)
 * const k = r.int(10); // 0 … 9
 * const z = r.normal();
 */
export function rng(seed: number): Rng {
  let h = seed >>> 0 || 0x9e3779b9;
  const split = () => {
    h = (h + 0x9e3779b9) | 0;
    let z = h;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(),
    b = split(),
    c = split(),
    d = split();
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  let spare: number | undefined;
  const generator = next as Rng;
  generator.int = (n) => Math.floor(next() * n);
  generator.normal = () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
  generator.fork = () => rng(Math.floor(next() * 4294967296));
  return generator;
}
