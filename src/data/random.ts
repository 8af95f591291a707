// Seeded pseudo-random numbers for synthetic data and resampling. Cores never read
// Math.random (CONVENTIONS §9): the seed flows in as a parameter. mulberry32 (Tommy
// Ettinger) is small, fast and good enough for simulation; normals by Box–Muller. The
// metrics' `seededUniform` draws from the same generator, mapped to (0, 1) instead.
export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

/** mulberry32: a stream of unsigned 32-bit integers from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

export function rng(seed: number): Rng {
  const next = mulberry32(seed);
  let spare: number | undefined;
  const uniform = (): number => next() / 4294967296;
  const normal = (): number => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    let u = uniform();
    while (u <= 1e-300) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return { uniform, normal, int: (n) => Math.floor(uniform() * n) };
}
