// The package as a new project gets it: `npm pack` (which compiles the sources on prepack)
// from a copy of the checkout, `npm install` of the tarball into an empty project, and then
// what a user does there — a plain .mjs script and a TypeScript file (through tsc) import the
// library, `npx tsnb run` executes a notebook that imports "tsnb", and `npx tsnb kernel install
// --prefix` installs a kernel that Jupyter's nbconvert runs the same notebook with.
import { execFile } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { root } from "../cli/tsnb.ts";

const exec = promisify(execFile);
let work: string;
let project: string;

async function sh(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await exec(command, args, {
      cwd,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 240_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const NOTEBOOK = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    {
      cell_type: "code",
      id: "fit",
      metadata: {},
      outputs: [],
      execution_count: null,
      source:
        'import { fitCurve } from "tsnb";\nconst x = [1, 2, 4, 8, 16, 32];\n' +
        "const fit = fitCurve({ model: 'E + A * x^(-alpha)', x, y: x.map((v) => 0.5 + 3 * v ** -0.7) });\n" +
        "fit.params.alpha.toFixed(3)",
    },
  ],
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "tsnb-pack-"));
  // Pack from a copy of the tracked files, so the build never touches this checkout.
  const checkout = join(work, "checkout");
  const { stdout } = await sh(root, "git", ["ls-files", "-z"]);
  for (const file of stdout.split("\0").filter(Boolean)) {
    mkdirSync(dirname(join(checkout, file)), { recursive: true });
    cpSync(join(root, file), join(checkout, file));
  }
  symlinkSync(join(root, "node_modules"), join(checkout, "node_modules"));
  const packed = await sh(checkout, "npm", ["pack", "--pack-destination", work, "--silent"]);
  expect(packed.code, packed.stderr).toBe(0);
  const tarball = join(work, packed.stdout.trim().split("\n").at(-1)!);
  project = join(work, "project");
  mkdirSync(project);
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "my-study", version: "1.0.0", type: "module", private: true }),
  );
  const installed = await sh(project, "npm", [
    "install",
    "--no-audit",
    "--no-fund",
    "--prefer-offline",
    tarball,
  ]);
  expect(installed.code, installed.stderr).toBe(0);
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
}, 180_000);

describe("the packed tarball in a fresh project", () => {
  it("ships compiled JavaScript and declarations, no TypeScript sources", () => {
    const pkg = join(project, "node_modules/tsnb");
    expect(readFileSync(join(pkg, "src/index.js"), "utf8")).toContain("export");
    expect(readFileSync(join(pkg, "src/index.d.ts"), "utf8")).toContain("export");
    expect(() => readFileSync(join(pkg, "src/index.ts"))).toThrow();
  });

  it("imports from a plain Node .mjs script", async () => {
    writeFileSync(
      join(project, "fit.mjs"),
      'import { fitCurve } from "tsnb";\nconst x = [1, 2, 4, 8, 16, 32];\n' +
        "const y = x.map((v) => 0.5 + 3 * v ** -0.7);\n" +
        'console.log(fitCurve({ model: "E + A * x^(-alpha)", x, y }).params.alpha.toFixed(3));\n',
    );
    const { code, stdout, stderr } = await sh(project, process.execPath, ["fit.mjs"]);
    expect(code, stderr).toBe(0);
    expect(stdout.trim()).toBe("0.700");
  });

  it("quantises with the WebAssembly kernels it ships, as the JS loops do", async () => {
    writeFileSync(
      join(project, "qdq.mjs"),
      'import { createHash } from "node:crypto";\n' +
        'import { E2M1, kernelInfo, makeRng, nvfp4Blocks, quantFormat, quantizeArray } from "tsnb";\n' +
        "const rng = makeRng(1);\n" +
        "const x = Float32Array.from({ length: 4096 }, () => rng.normal());\n" +
        'const q = quantizeArray(x, quantFormat(E2M1, nvfp4Blocks, "stochastic"), { rng: makeRng(2) });\n' +
        'console.log(kernelInfo().split("; ")[1]);\n' +
        'console.log(createHash("sha256").update(q).digest("hex"), q.slice(0, 4).join(","));\n',
    );
    const wasm = await sh(project, process.execPath, ["qdq.mjs"]);
    expect(wasm.code, wasm.stderr).toBe(0);
    expect(wasm.stdout).toContain("quantisation: WebAssembly SIMD");
    const js = await sh(project, process.execPath, ["qdq.mjs"], { TSNB_WASM_QDQ: "0" });
    expect(js.code, js.stderr).toBe(0);
    expect(js.stdout).toContain("quantisation: JS loops");
    expect(wasm.stdout.split("\n")[1]).toMatch(/^[0-9a-f]{64} /);
    expect(wasm.stdout.split("\n")[1]).toBe(js.stdout.split("\n")[1]);
  });

  it("type-checks and runs a TypeScript file compiled with tsc", async () => {
    writeFileSync(
      join(project, "fit.ts"),
      'import { fitCurve, type FitSpec } from "tsnb";\n' +
        "const spec: FitSpec = { model: 'E + A * x^(-alpha)', x: [1, 2, 4, 8], y: [3.5, 2.3, 1.6, 1.2] };\n" +
        "const alpha: number = fitCurve(spec).params.alpha;\nconsole.log(alpha > 0);\n" +
        "// @ts-expect-error: a fit's parameters are numbers\nconst wrong: string = fitCurve(spec).params.alpha;\n",
    );
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          strict: true,
          skipLibCheck: true,
          outDir: "out",
        },
        files: ["fit.ts"],
      }),
    );
    const tsc = join(project, "node_modules/typescript/bin/tsc");
    const compiled = await sh(project, process.execPath, [tsc, "-p", "."]);
    expect(compiled.code, compiled.stdout + compiled.stderr).toBe(0);
    const ran = await sh(project, process.execPath, ["out/fit.js"]);
    expect(ran.stdout.trim()).toBe("true");
  });

  it("runs a notebook with npx tsnb run, and the kernel it installs runs it under nbconvert", async () => {
    writeFileSync(join(project, "my.ipynb"), JSON.stringify(NOTEBOOK));
    const run = await sh(project, "npx", ["tsnb", "run", "my.ipynb", "--json", "-o", "ran.ipynb"]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ cells: 1, errors: 0 });
    const ran = JSON.parse(readFileSync(join(project, "ran.ipynb"), "utf8"));
    expect(ran.cells[0].outputs[0].data["text/plain"]).toBe("'0.700'");

    const prefix = join(project, "jupyter");
    const install = await sh(project, "npx", ["tsnb", "kernel", "install", "--prefix", prefix]);
    expect(install.code, install.stderr).toBe(0);
    const spec = JSON.parse(
      readFileSync(join(prefix, "share/jupyter/kernels/tsnb/kernel.json"), "utf8"),
    );
    expect(spec.argv[1]).toBe(join(project, "node_modules/tsnb/kernel/launch.mjs"));
    const converted = await sh(
      project,
      "jupyter",
      [
        "nbconvert",
        "--to",
        "notebook",
        "--execute",
        "--ExecutePreprocessor.kernel_name=tsnb",
        "--output",
        "converted.ipynb",
        "my.ipynb",
      ],
      { JUPYTER_PATH: join(prefix, "share/jupyter") },
    );
    expect(converted.code, converted.stderr).toBe(0);
    const out = JSON.parse(readFileSync(join(project, "converted.ipynb"), "utf8"));
    expect([out.cells[0].outputs[0].data["text/plain"]].flat().join("")).toBe("'0.700'");
  }, 240_000);
});
