// The WebAssembly text of the f32 quantise-dequantise kernels (source of qdq-module.js, which
// `node bin/build-wasm.mjs` compiles with WABT; test/tensor/qdq-wasm.test.ts checks that the
// committed bytes are this text's). Written as a template so that the per-pair rounding is
// expanded inline in each loop rather than called: a v128 call per pair costs more than the
// rounding. Each kernel computes exactly what its JavaScript twin in ../qdq.ts computes, in the
// same IEEE operations in the same order, two f64 lanes at a time: f32 values are promoted to
// f64, rounded there, and demoted on store, so results are bit-identical to the scalar loops.
//
// Memory is laid out by the caller (../qdq-wasm.ts): an xoshiro128** state of 4 i32 words, the
// f32 values (rounded in place, a multiple of 4), and f64 arrays of block maxima, inverse scales
// and scales, each 16-byte aligned.
// Spec: WebAssembly Core 2.0, SIMD instructions (§2.4.3 vector instructions).

/** The shared per-quad start: load 4 f32, promote to two f64 pairs $lo and $hi. */
const loadQuad = `
      (local.set $x (v128.load (local.get $p)))
      (local.set $lo (f64x2.promote_low_f32x4 (local.get $x)))
      (local.set $hi (f64x2.promote_low_f32x4
        (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x))))`;

/** Demote two rounded pairs $rlo, $rhi back to 4 f32 and store them over the quad. */
const storeQuad = `
      (v128.store (local.get $p)
        (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (f32x4.demote_f64x2_zero (local.get $rlo))
          (f32x4.demote_f64x2_zero (local.get $rhi))))`;

/** The group's inverse scale and scale, splatted: element i uses group i >>> shift. */
const loadGroup = `
      (local.set $k (i32.shl (i32.shr_u (local.get $i) (local.get $shift)) (i32.const 3)))
      (local.set $iv (f64x2.splat (f64.load (i32.add (local.get $inv) (local.get $k)))))
      (local.set $sv (f64x2.splat (f64.load (i32.add (local.get $scale) (local.get $k)))))`;

/**
 * |h·inv| clamped to max, `iv` naming the inverse pair: pmin(a, max) is max < a ? max : a, one
 * instruction (f64x2.min's NaN and −0 rules cost several), and the same as Math.min here: a ≥ 0,
 * and a NaN fails the comparison and stays NaN.
 */
const magnitude = (h, iv) =>
  `(f64x2.pmin (f64x2.abs (f64x2.mul ${h} (local.get ${iv}))) (local.get $max))`;

/** out = (r·scale) with h's sign bit: magnitude · s · ±1 of the scalar loop, −0 kept. */
const signed = (r, h, sv) =>
  `(v128.or (f64x2.mul ${r} (local.get ${sv})) (v128.and ${h} (local.get $signBit)))`;

/**
 * Nearest-even of the pair h into result local `res` (qdq.ts nearestMagnitude): Veltkamp's split
 * for normal magnitudes, the subnormal shifter below minNormal, blended as normal + (sub − normal)
 * where a < minNormal (the scalar loop multiplies the difference by a 0/1 mask; an all-ones/zero
 * bit mask gives the same sums).
 */
const nearestPair = (h, res, iv = "$iv", sv = "$sv") => `
      (local.set $a ${magnitude(`(local.get ${h})`, iv)})
      (local.set $t (f64x2.mul (local.get $a) (local.get $split)))
      (local.set $n1 (f64x2.sub (local.get $t) (f64x2.sub (local.get $t) (local.get $a))))
      (local.set $s1 (f64x2.sub (f64x2.add (local.get $a) (local.get $shifter)) (local.get $shifter)))
      (local.set ${res} ${signed(
        `(f64x2.add (local.get $n1)
          (v128.and (f64x2.sub (local.get $s1) (local.get $n1))
            (f64x2.lt (local.get $a) (local.get $minN))))`,
        `(local.get ${h})`,
        sv,
      )})`;

/**
 * Stochastic rounding of the pair h with uniforms `u` into `res` (qdq.ts stochasticMagnitude):
 * the binade's quantum from 0.75·a split to one bit, then ⌊f⌋ + ⌈f − ⌊f⌋ − u⌉ quanta. The
 * quantum q is a normal power of two, so a/q is a·(1/q) exactly, and 1/q's bits are
 * 0x7fe0… − q's (the biased exponent 2046 − E): a multiply instead of a division.
 */
const stochasticPair = (h, u, res, iv = "$iv", sv = "$sv") => `
      (local.set $a ${magnitude(`(local.get ${h})`, iv)})
      (local.set $t (f64x2.mul (f64x2.mul (local.get $a) (v128.const f64x2 0.75 0.75)) (local.get $splitOne)))
      (local.set $n1 (f64x2.sub (local.get $t)
        (f64x2.sub (local.get $t) (f64x2.mul (local.get $a) (v128.const f64x2 0.75 0.75)))))
      (local.set $q (f64x2.mul
        (f64x2.add (f64x2.add (local.get $n1) (local.get $minN))
          (f64x2.abs (f64x2.sub (local.get $n1) (local.get $minN))))
        (local.get $half)))
      (local.set $f (f64x2.mul (local.get $a)
        (i64x2.sub (v128.const i64x2 0x7fe0000000000000 0x7fe0000000000000) (local.get $q))))
      (local.set $s1 (f64x2.floor (local.get $f)))
      (local.set ${res} ${signed(
        `(f64x2.mul
          (f64x2.add (local.get $s1)
            (f64x2.ceil (f64x2.sub (f64x2.sub (local.get $f) (local.get $s1)) ${u})))
          (local.get $q))`,
        `(local.get ${h})`,
        sv,
      )})`;

/** One xoshiro128** output as a uniform in [0, 1) (Rng.fillUniform32), the state stepped. */
const draw = `
        (f64.mul
          (f64.convert_i32_u
            (i32.mul (i32.rotl (i32.mul (local.get $s1i) (i32.const 5)) (i32.const 7)) (i32.const 9)))
          (f64.const 0x1p-32))
        (local.set $ti (i32.shl (local.get $s1i) (i32.const 9)))
        (local.set $s2i (i32.xor (local.get $s2i) (local.get $s0i)))
        (local.set $s3i (i32.xor (local.get $s3i) (local.get $s1i)))
        (local.set $s1i (i32.xor (local.get $s1i) (local.get $s2i)))
        (local.set $s0i (i32.xor (local.get $s0i) (local.get $s3i)))
        (local.set $s2i (i32.xor (local.get $s2i) (local.get $ti)))
        (local.set $s3i (i32.rotl (local.get $s3i) (i32.const 11)))`;

/** Locals and splatted constants shared by the rounding kernels. */
const roundLocals = `
    (local $i i32) (local $k i32) (local $end i32)
    (local $x v128) (local $lo v128) (local $hi v128) (local $rlo v128) (local $rhi v128)
    (local $iv v128) (local $sv v128) (local $a v128) (local $t v128) (local $n1 v128)
    (local $s1 v128) (local $q v128) (local $f v128) (local $signBit v128)`;

const signBitInit = `
    (local.set $signBit (v128.const i64x2 0x8000000000000000 0x8000000000000000))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))`;

/** A loop over the quads from p to end, element index i, with `body` per quad. */
const quadLoop = (body) => `
    (block $done
      (loop $quad
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        ${loadGroup}
        ${loadQuad}
        ${body}
        ${storeQuad}
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $quad)))`;

/**
 * A loop over a [rows, cols] matrix at p, row by row (cols a multiple of 4), where row r reads
 * per-column scales from the row of its group of b rows: inverse/scale pairs $ivlo/$ivhi and
 * $svlo/$svhi for the quad's columns, `body` per quad.
 */
const colLoop = (body) => `
    (local.set $end (i32.add (local.get $p) (i32.shl (i32.mul (local.get $rows) (local.get $cols)) (i32.const 2))))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $k (i32.shl (i32.mul (i32.div_u (local.get $r) (local.get $b)) (local.get $cols)) (i32.const 3)))
        (local.set $rowInv (i32.add (local.get $inv) (local.get $k)))
        (local.set $rowScale (i32.add (local.get $scale) (local.get $k)))
        (local.set $rowEnd (i32.add (local.get $p) (i32.shl (local.get $cols) (i32.const 2))))
        (loop $quad
          (local.set $ivlo (v128.load offset=0 (local.get $rowInv)))
          (local.set $ivhi (v128.load offset=16 (local.get $rowInv)))
          (local.set $svlo (v128.load offset=0 (local.get $rowScale)))
          (local.set $svhi (v128.load offset=16 (local.get $rowScale)))
          ${loadQuad}
          ${body}
          ${storeQuad}
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (local.set $rowInv (i32.add (local.get $rowInv) (i32.const 32)))
          (local.set $rowScale (i32.add (local.get $rowScale) (i32.const 32)))
          (br_if $quad (i32.lt_u (local.get $p) (local.get $rowEnd))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row)))`;

/** Locals of the per-column kernels besides roundLocals. */
const colLocals = `
    (local $r i32) (local $rowInv i32) (local $rowScale i32) (local $rowEnd i32)
    (local $ivlo v128) (local $ivhi v128) (local $svlo v128) (local $svhi v128)`;

/** Four uniforms for a quad, in element order, into $ulo and $uhi. */
const drawQuad = `
      (local.set $ulo (f64x2.splat ${draw}))
      (local.set $ulo (f64x2.replace_lane 1 (local.get $ulo) ${draw}))
      (local.set $uhi (f64x2.splat ${draw}))
      (local.set $uhi (f64x2.replace_lane 1 (local.get $uhi) ${draw}))`;

/** The xoshiro128** state's locals and their load from memory at $state. */
const stateIn = `
    (local.set $s0i (i32.load offset=0 (local.get $state)))
    (local.set $s1i (i32.load offset=4 (local.get $state)))
    (local.set $s2i (i32.load offset=8 (local.get $state)))
    (local.set $s3i (i32.load offset=12 (local.get $state)))`;

const stateOut = `
    (i32.store offset=0 (local.get $state) (local.get $s0i))
    (i32.store offset=4 (local.get $state) (local.get $s1i))
    (i32.store offset=8 (local.get $state) (local.get $s2i))
    (i32.store offset=12 (local.get $state) (local.get $s3i))`;

const stochasticLocals = `
    (local $max v128) (local $minN v128) (local $half v128) (local $splitOne v128)
    (local $ulo v128) (local $uhi v128)
    (local $s0i i32) (local $s1i i32) (local $s2i i32) (local $s3i i32) (local $ti i32)`;

const stochasticInit = `
    (local.set $signBit (v128.const i64x2 0x8000000000000000 0x8000000000000000))
    (local.set $max (f64x2.splat (local.get $maxS)))
    (local.set $minN (f64x2.splat (local.get $minNS)))
    (local.set $half (f64x2.splat (local.get $halfS)))
    (local.set $splitOne (f64x2.splat (f64.const 0x1.0000000000001p52)))`;

export function qdqWat() {
  return `(module
  (memory (export "memory") 1)

  ;; nearest(p, n, inv, scale, shift, max, split, shifter, minNormal): n f32 at p (n a multiple
  ;; of 4, shift >= 2) rounded in place, element i with inv[i >>> shift] and scale[i >>> shift].
  (func (export "nearest")
    (param $p i32) (param $n i32) (param $inv i32) (param $scale i32) (param $shift i32)
    (param $maxS f64) (param $splitS f64) (param $shifterS f64) (param $minNS f64)
    ${roundLocals}
    (local $max v128) (local $split v128) (local $shifter v128) (local $minN v128)
    ${signBitInit}
    (local.set $max (f64x2.splat (local.get $maxS)))
    (local.set $split (f64x2.splat (local.get $splitS)))
    (local.set $shifter (f64x2.splat (local.get $shifterS)))
    (local.set $minN (f64x2.splat (local.get $minNS)))
    ${quadLoop(nearestPair("$lo", "$rlo") + nearestPair("$hi", "$rhi"))})

  ;; stochastic(p, n, inv, scale, shift, max, minNormal, half, state): as nearest, by stochastic
  ;; rounding with one xoshiro128** draw per element in order, the generator's 4-word state read
  ;; from and written back to memory at \`state\`.
  (func (export "stochastic")
    (param $p i32) (param $n i32) (param $inv i32) (param $scale i32) (param $shift i32)
    (param $maxS f64) (param $minNS f64) (param $halfS f64) (param $state i32)
    ${roundLocals}
    ${stochasticLocals}
    ${stochasticInit}
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    ${stateIn}
    ${quadLoop(`
      ${drawQuad}
      ${stochasticPair("$lo", "(local.get $ulo)", "$rlo")}
      ${stochasticPair("$hi", "(local.get $uhi)", "$rhi")}`)}
    ${stateOut})

  ;; nearestCols(p, rows, cols, inv, scale, b, max, split, shifter, minNormal): a [rows, cols]
  ;; f32 matrix at p (cols a multiple of 4) rounded in place by nearest-even, element (r, c) with
  ;; inv/scale[floor(r/b)*cols + c] (blocks down columns; 2-D tiles once their maxima are shared).
  (func (export "nearestCols")
    (param $p i32) (param $rows i32) (param $cols i32) (param $inv i32) (param $scale i32)
    (param $b i32) (param $maxS f64) (param $splitS f64) (param $shifterS f64) (param $minNS f64)
    ${roundLocals}
    ${colLocals}
    (local $max v128) (local $split v128) (local $shifter v128) (local $minN v128)
    (local.set $signBit (v128.const i64x2 0x8000000000000000 0x8000000000000000))
    (local.set $max (f64x2.splat (local.get $maxS)))
    (local.set $split (f64x2.splat (local.get $splitS)))
    (local.set $shifter (f64x2.splat (local.get $shifterS)))
    (local.set $minN (f64x2.splat (local.get $minNS)))
    ${colLoop(
      nearestPair("$lo", "$rlo", "$ivlo", "$svlo") + nearestPair("$hi", "$rhi", "$ivhi", "$svhi"),
    )})

  ;; stochasticCols(p, rows, cols, inv, scale, b, max, minNormal, half, state): as nearestCols,
  ;; by stochastic rounding with one xoshiro128** draw per element in row-major order.
  (func (export "stochasticCols")
    (param $p i32) (param $rows i32) (param $cols i32) (param $inv i32) (param $scale i32)
    (param $b i32) (param $maxS f64) (param $minNS f64) (param $halfS f64) (param $state i32)
    ${roundLocals}
    ${colLocals}
    ${stochasticLocals}
    ${stochasticInit}
    ${stateIn}
    ${colLoop(`
      ${drawQuad}
      ${stochasticPair("$lo", "(local.get $ulo)", "$rlo", "$ivlo", "$svlo")}
      ${stochasticPair("$hi", "(local.get $uhi)", "$rhi", "$ivhi", "$svhi")}`)}
    ${stateOut})

  ;; columnAmax(p, rows, cols, b, out): out[g*cols + c] (f64) = max |x| down column c over the
  ;; g-th group of b rows of the [rows, cols] f32 matrix at p (cols a multiple of 4), NaN never
  ;; winning (bit patterns, as blockAmax).
  (func (export "columnAmax")
    (param $p i32) (param $rows i32) (param $cols i32) (param $b i32) (param $out i32)
    (local $m v128) (local $w v128) (local $g i32) (local $groups i32) (local $c i32)
    (local $r i32) (local $at i32) (local $stride i32)
    (local.set $stride (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $groups (i32.div_u (local.get $rows) (local.get $b)))
    (block $done
      (loop $group
        (br_if $done (i32.ge_u (local.get $g) (local.get $groups)))
        (local.set $c (i32.const 0))
        (loop $quad
          (local.set $m (v128.const i32x4 0 0 0 0))
          (local.set $at (i32.add (local.get $p)
            (i32.shl (i32.add (i32.mul (i32.mul (local.get $g) (local.get $b)) (local.get $cols)) (local.get $c)) (i32.const 2))))
          (local.set $r (i32.const 0))
          (loop $down
            (local.set $w (v128.and (v128.load (local.get $at)) (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff)))
            (local.set $w (v128.andnot (local.get $w)
              (i32x4.gt_s (local.get $w) (v128.const i32x4 0x7f800000 0x7f800000 0x7f800000 0x7f800000))))
            (local.set $m (i32x4.max_s (local.get $m) (local.get $w)))
            (local.set $at (i32.add (local.get $at) (local.get $stride)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br_if $down (i32.lt_u (local.get $r) (local.get $b))))
          (local.set $at (i32.add (local.get $out)
            (i32.shl (i32.add (i32.mul (local.get $g) (local.get $cols)) (local.get $c)) (i32.const 3))))
          (v128.store offset=0 (local.get $at) (f64x2.promote_low_f32x4 (local.get $m)))
          (v128.store offset=16 (local.get $at) (f64x2.promote_low_f32x4
            (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $m) (local.get $m))))
          (local.set $c (i32.add (local.get $c) (i32.const 4)))
          (br_if $quad (i32.lt_u (local.get $c) (local.get $cols))))
        (local.set $g (i32.add (local.get $g) (i32.const 1)))
        (br $group))))

  ;; blockAmax(p, blocks, b, out): out[k] (f64) = max |x| over the k-th run of b f32 at p (b a
  ;; multiple of 4), NaN never winning: on the bit patterns, |x|'s bits order as |x| does and a
  ;; NaN's (above 0x7f800000) are zeroed first.
  (func (export "blockAmax")
    (param $p i32) (param $blocks i32) (param $b i32) (param $out i32)
    (local $m v128) (local $w v128) (local $end i32) (local $blockEnd i32)
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $blocks) (i32.const 3))))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $m (v128.const i32x4 0 0 0 0))
        (local.set $blockEnd (i32.add (local.get $p) (i32.shl (local.get $b) (i32.const 2))))
        (loop $quad
          (local.set $w (v128.and (v128.load (local.get $p)) (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff)))
          (local.set $w (v128.andnot (local.get $w)
            (i32x4.gt_s (local.get $w) (v128.const i32x4 0x7f800000 0x7f800000 0x7f800000 0x7f800000))))
          (local.set $m (i32x4.max_s (local.get $m) (local.get $w)))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $quad (i32.lt_u (local.get $p) (local.get $blockEnd))))
        (local.set $m (i32x4.max_s (local.get $m)
          (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $m) (local.get $m))))
        (local.set $m (i32x4.max_s (local.get $m)
          (i8x16.shuffle 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 (local.get $m) (local.get $m))))
        (f64.store (local.get $out)
          (f64.promote_f32 (f32.reinterpret_i32 (i32x4.extract_lane 0 (local.get $m)))))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $block))))
)
`;
}
