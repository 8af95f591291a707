// The low-precision testbed: the task's floor is the teacher's entropy, recipes map onto GEMM
// precisions (NVFP4: tiles, SR gradients, RHT on wgrad, last layer BF16), a short run learns,
// and the product-error probe is deterministic and sensible.
import { describe, expect, it } from "vitest";
import {
  E2M1,
  lossFloor,
  makeRng,
  makeSoftmaxTask,
  productError,
  recipePrecisions,
  trainLowPrecision,
} from "../../../src/index.ts";

describe("low-precision testbed", () => {
  it("draws labels whose mean entropy (the floor) is below ln(classes)", () => {
    const task = makeSoftmaxTask({ seed: 1 });
    const { x, y } = task.sample(512, makeRng(2));
    expect(y.every((k) => k >= 0 && k < task.classes)).toBe(true);
    const floor = lossFloor(task, x, 512);
    expect(floor).toBeGreaterThan(0);
    expect(floor).toBeLessThan(Math.log(task.classes));
  });

  it("maps the NVFP4 recipe onto E2M1 blocks, tiles, SR gradients, RHT on wgrad and a BF16 last layer", () => {
    const { main, last } = recipePrecisions({ kind: "fp4" }, 1);
    expect(main.input?.element).toBe(E2M1);
    expect(main.weight?.scaling.kind).toBe("tile");
    expect(main.grad?.rounding).toBe("stochastic");
    expect(main.hadamard?.gemms).toEqual(["wgrad"]);
    // One random sign vector for the run (the paper's choice), the same from the same seed.
    const signs = main.hadamard?.signs;
    expect(signs?.length).toBe(16);
    expect(Array.from(signs ?? []).every((v) => v === 1 || v === -1)).toBe(true);
    expect(recipePrecisions({ kind: "fp4" }, 1).main.hadamard?.signs).toEqual(signs);
    expect(last?.weight?.element.name).toBe("bf16");
    const bare = recipePrecisions(
      { kind: "fp4", tiles: false, hadamard: [], keepLast: false, gradRounding: "nearest" },
      1,
    );
    expect(bare.main.weight?.scaling.kind).toBe("block");
    expect(bare.main.hadamard).toBeNull();
    expect(bare.last).toBeNull();
  });

  it("a short NVFP4 run lowers the held-out loss, reproducibly from its seed", () => {
    const opts = {
      recipe: { kind: "fp4" } as const,
      steps: 40,
      batch: 32,
      every: 20,
      heldOut: 256,
      seed: 3,
    };
    const a = trainLowPrecision(opts);
    expect(a.final).toBeLessThan(a.loss[0]!);
    expect(trainLowPrecision(opts).loss).toEqual(a.loss);
  });

  it("measures a product's quantisation error between 0 and 1, the same for the same seed", () => {
    const e = productError({ hadamard: false, seed: 1 });
    expect(e).toBeGreaterThan(0.01);
    expect(e).toBeLessThan(1);
    expect(productError({ hadamard: true, seed: 1 })).toBe(
      productError({ hadamard: true, seed: 1 }),
    );
  });
});
