// Seeded pseudo-random numbers for initialisation, dropout and data shuffles, so every run
// is reproducible from one integer (nothing here reads Math.random or the clock).
// Generator: xoshiro128** (Blackman & Vigna 2018), seeded through splitmix32.
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | null = null;

  constructor(seed: number) {
    let z = seed >>> 0;
    const next = (): number => {
      z = (z + 0x9e3779b9) >>> 0;
      let t = z;
      t = Math.imul(t ^ (t >>> 16), 0x85ebca6b);
      t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35);
      return (t ^ (t >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Fill `out` with nextUint32()·2^−32, one draw each, in order (a hot loop's worth at once). */
  fillUniform32(out: Float64Array): void {
    let { s0, s1, s2, s3 } = this;
    for (let i = 0; i < out.length; i++) {
      out[i] = (Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0) * 2.3283064365386963e-10;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl(s3, 11);
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /**
   * Write the four state words to `to[at..at+4)`, for a kernel that steps the generator itself
   * (the WebAssembly stochastic rounding); loadState takes them back afterwards.
   */
  saveState(to: Int32Array, at: number): void {
    to[at] = this.s0;
    to[at + 1] = this.s1;
    to[at + 2] = this.s2;
    to[at + 3] = this.s3;
  }

  /** Continue from the four state words at `from[at..at+4)`, as a kernel left them. */
  loadState(from: Int32Array, at: number): void {
    this.s0 = from[at]!;
    this.s1 = from[at + 1]!;
    this.s2 = from[at + 2]!;
    this.s3 = from[at + 3]!;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal (Box–Muller, polar form avoided so the stream length is fixed). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const u = 1 - this.uniform(); // (0, 1]
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i]!;
      p[i] = p[j]!;
      p[j] = t;
    }
    return p;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The engine's seeded generator (xoshiro128**); the same seed gives the same stream on every machine. */
export function makeRng(seed: number): Rng {
  return new Rng(seed);
}

/**
 * Anything that draws random numbers for the engine: this module's Rng, or a callable
 * generator returning uniforms in [0, 1) with a `normal()` method (the runtime's `rng(seed)`).
 */
export type RandomSource = Rng | { (): number; normal(): number };

/** One uniform draw in [0, 1) from either kind of RandomSource. */
export function drawUniform(source: RandomSource): number {
  return typeof source === "function" ? source() : source.uniform();
}
