// WebAssembly SIMD matrix-multiply kernels, assembled here byte by byte (no wat2wasm in the
// toolchain): C[rows, 0:npad] = A·B for row blocks of 4, with 2 v128 accumulators per row
// (8 f32 or 4 f64 columns). B and C have row length npad (a multiple of the block width, zero
// padded by the caller); A is read through element strides (aRS between rows, aCS between
// columns) so Aᵀ needs no copy. f32 accumulates in f32 (mul then add, as a non-FMA BLAS).
// Plain JavaScript so the worker thread can load it without a TypeScript loader.
// Spec: WebAssembly Core 2.0 §5 (binary format), SIMD opcodes §5.4.8.

const leb = (n) => {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};
const sleb = (n) => {
  const out = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0))
      return [...out, byte];
    out.push(byte | 0x80);
  }
};
const str = (s) => [...leb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const section = (id, body) => [id, ...leb(body.length), ...body];
const vec = (items) => [...leb(items.length), ...items.flat()];

const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (l) => [0x0c, ...leb(l)],
  brIf: (l) => [0x0d, ...leb(l)],
  get: (i) => [0x20, ...leb(i)],
  set: (i) => [0x21, ...leb(i)],
  i32: (v) => [0x41, ...sleb(v)],
  add: [0x6a],
  sub: [0x6b],
  mul: [0x6c],
  geS: [0x4e],
  eqz: [0x45],
  simd: (code, ...imm) => [0xfd, ...leb(code), ...imm],
};
const memarg = (offset) => [0, ...leb(offset)];

// params: aPtr bPtr cPtr row0 row1 k npad aRS aCS; then i32 locals, then v128 locals
const P = { a: 0, b: 1, c: 2, row0: 3, row1: 4, k: 5, npad: 6, aRS: 7, aCS: 8 };

function kernelBody(rows, elemBytes, splatOp, addOp, mulOp) {
  const cols = 32 / elemBytes; // two v128 vectors per row
  // i32 locals: i j p pa pb aCSb npadB cRow, then rowOff[r] = r·aRS·elemBytes (r = 0…rows−1)
  const L = { i: 9, j: 10, p: 11, pa: 12, pb: 13, aCSb: 14, npadB: 15, cRow: 16, rowOff: 17 };
  const i32Locals = 8 + rows;
  const ACC = 9 + i32Locals; // rows × 2 accumulators: row r, vector v at ACC + 2r + v
  const B0 = ACC + 2 * rows;
  const B1 = B0 + 1;
  const S = B0 + 2;
  const code = [];
  const emit = (...xs) => xs.forEach((x) => code.push(...x));
  emit(op.get(P.aCS), op.i32(elemBytes), op.mul, op.set(L.aCSb));
  emit(op.get(P.npad), op.i32(elemBytes), op.mul, op.set(L.npadB));
  for (let r = 0; r < rows; r++)
    emit(op.get(P.aRS), op.i32(r * elemBytes), op.mul, op.set(L.rowOff + r));
  emit(op.get(P.row0), op.set(L.i));
  emit(op.block, op.loop); // row blocks
  emit(op.get(L.i), op.get(P.row1), op.geS, op.brIf(1));
  emit(op.i32(0), op.set(L.j));
  emit(op.block, op.loop); // column blocks
  emit(op.get(L.j), op.get(P.npad), op.geS, op.brIf(1));
  for (let v = 0; v < 2 * rows; v++) emit(op.simd(0x0c, ...new Array(16).fill(0)), op.set(ACC + v));
  emit(
    op.get(P.a),
    op.get(L.i),
    op.get(P.aRS),
    op.mul,
    op.i32(elemBytes),
    op.mul,
    op.add,
    op.set(L.pa),
  );
  emit(op.get(P.b), op.get(L.j), op.i32(elemBytes), op.mul, op.add, op.set(L.pb));
  emit(op.get(P.k), op.set(L.p));
  emit(op.block, op.loop); // inner products
  emit(op.get(L.p), op.eqz, op.brIf(1));
  emit(op.get(L.pb), op.simd(0x00, ...memarg(0)), op.set(B0));
  emit(op.get(L.pb), op.simd(0x00, ...memarg(16)), op.set(B1));
  for (let r = 0; r < rows; r++) {
    emit(op.get(L.pa));
    if (r > 0) emit(op.get(L.rowOff + r), op.add);
    emit(op.simd(splatOp, ...memarg(0)), op.set(S));
    for (let v = 0; v < 2; v++)
      emit(
        op.get(ACC + 2 * r + v),
        op.get(S),
        op.get(v === 0 ? B0 : B1),
        op.simd(mulOp),
        op.simd(addOp),
        op.set(ACC + 2 * r + v),
      );
  }
  emit(op.get(L.pa), op.get(L.aCSb), op.add, op.set(L.pa));
  emit(op.get(L.pb), op.get(L.npadB), op.add, op.set(L.pb));
  emit(op.get(L.p), op.i32(1), op.sub, op.set(L.p));
  emit(op.br(0), op.end, op.end);
  // store the rows × cols block at C[i + r, j]
  emit(
    ...[op.get(P.c), op.get(L.i), op.get(P.npad), op.mul, op.get(L.j), op.add],
    ...[op.i32(elemBytes), op.mul, op.add, op.set(L.cRow)],
  );
  for (let r = 0; r < rows; r++)
    for (let v = 0; v < 2; v++) {
      emit(op.get(L.cRow));
      if (r > 0) emit(op.get(L.npadB), op.i32(r), op.mul, op.add);
      emit(op.get(ACC + 2 * r + v), op.simd(0x0b, ...memarg(16 * v)));
    }
  emit(op.get(L.j), op.i32(cols), op.add, op.set(L.j));
  emit(op.br(0), op.end, op.end);
  emit(op.get(L.i), op.i32(rows), op.add, op.set(L.i));
  emit(op.br(0), op.end, op.end);
  emit(op.end);
  const locals = vec([
    [...leb(i32Locals), 0x7f],
    [...leb(2 * rows + 3), 0x7b],
  ]);
  const body = [...locals, ...code];
  return [...leb(body.length), ...body];
}

/**
 * Rows per register block: 4 rows × 2 vectors = 8 accumulators. Measured on this machine's
 * V8 (Node 20): 4 rows ~50 GFLOP/s per thread in f32, 6 rows ~29 (register spills).
 */
export const GEMM_ROWS = 4;

/** Bytes of a module importing env.memory (shared, ≤ maxPages) and exporting sgemm, dgemm. */
export function gemmModuleBytes(maxPages, rows = GEMM_ROWS) {
  const type = [0x60, ...vec(new Array(9).fill([0x7f])), 0x00];
  const bytes = [
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec([type])),
    ...section(
      2,
      vec([[...str("env"), ...str("memory"), 0x02, 0x03, ...leb(1), ...leb(maxPages)]]),
    ),
    ...section(3, vec([[0x00], [0x00]])),
    ...section(
      7,
      vec([
        [...str("sgemm"), 0x00, 0x00],
        [...str("dgemm"), 0x00, 0x01],
      ]),
    ),
    ...section(
      10,
      vec([kernelBody(rows, 4, 0x09, 0xe4, 0xe6), kernelBody(rows, 8, 0x0a, 0xf0, 0xf2)]),
    ),
  ];
  return new Uint8Array(bytes);
}

export const WASM_MAX_PAGES = 16384; // 1 GiB of address space reserved, committed on growth
