import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as math from "mathjs";
import { compileModel } from "../../src/fit/expression.ts";
import { brokenPowerLaw, chinchilla } from "../../src/fit/index.ts";

describe("compileModel", () => {
  for (const form of [chinchilla, brokenPowerLaw]) {
    it(`${form.name}: values match mathjs and partials match finite differences`, () => {
      const model = compileModel(form.expression, form.params, form.inputs);
      const evaluate = math.compile(form.expression);
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: 0.1, max: 2, noNaN: true }), {
            minLength: form.params.length,
            maxLength: form.params.length,
          }),
          fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), {
            minLength: form.inputs.length,
            maxLength: form.inputs.length,
          }),
          (p, x) => {
            const P = p.length;
            const out = new Float64Array(1);
            const jac = new Float64Array(P);
            const columns = model.columnsFor(
              x.map((v) => Float64Array.of(v)),
              1,
            );
            model.kernel(Float64Array.from(p), columns, 1, out, jac);
            const scope = Object.fromEntries([
              ...form.params.map((name, k) => [name, p[k]]),
              ...form.inputs.map((name, j) => [name, x[j]]),
            ]);
            const expected = evaluate.evaluate(scope) as number;
            expect(Math.abs(out[0]! - expected)).toBeLessThanOrEqual(
              1e-9 * Math.abs(expected) + 1e-12,
            );
            for (let k = 0; k < P; k++) {
              const h = 1e-6 * Math.max(1, Math.abs(p[k]!));
              const up = [...p];
              const down = [...p];
              up[k]! += h;
              down[k]! -= h;
              const fd =
                ((evaluate.evaluate({ ...scope, [form.params[k]!]: up[k] }) as number) -
                  (evaluate.evaluate({ ...scope, [form.params[k]!]: down[k] }) as number)) /
                (2 * h);
              expect(Math.abs(jac[k]! - fd)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(fd)));
            }
          },
        ),
        { numRuns: 50, seed: 11 },
      );
    });
  }
});
