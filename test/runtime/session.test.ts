import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { Session } from "../../src/runtime/session.ts";
import { RecordingSink } from "./sink.ts";

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));

async function run(session: Session, code: string) {
  const sink = new RecordingSink();
  const reply = await session.execute(code, sink);
  return { reply, sink };
}

describe("Session: persistent state", () => {
  it("keeps top-level const/let/var/function/class across cells", async () => {
    const session = new Session();
    await run(
      session,
      "const a = 2\nlet b = 3\nvar c = 4\nfunction f(x: number) { return x * a }\nclass K { v = 5 }",
    );
    const { sink } = await run(session, "f(b) + c + new K().v");
    expect(sink.result()).toBe("15");
  });

  it("rebinds a const when its cell runs again, and closures see the new value", async () => {
    const session = new Session();
    await run(session, "const x = 1\nconst getX = () => x");
    await run(session, "const x = 10");
    expect((await run(session, "getX() + x")).sink.result()).toBe("20");
  });

  it("binds destructuring patterns at top level", async () => {
    const session = new Session();
    await run(session, "const { a, b: [c, ...rest] } = { a: 1, b: [2, 3, 4] }");
    expect((await run(session, "a + c + rest.length")).sink.result()).toBe("5");
  });

  it("has no execute_result when the last statement is not an expression", async () => {
    const session = new Session();
    const { sink, reply } = await run(session, "const y = 1;");
    expect(reply.status).toBe("ok");
    expect(sink.outputs).toEqual([]);
  });

  it("keeps earlier state when a cell fails midway", async () => {
    const session = new Session();
    await run(session, "let count = 1");
    const { reply } = await run(session, "count = 2\nthrow new Error('boom')\ncount = 3");
    expect(reply.status).toBe("error");
    expect((await run(session, "count")).sink.result()).toBe("2");
  });

  it("keeps separate sessions apart", async () => {
    const one = new Session();
    const two = new Session();
    await run(one, "const secret = 42");
    const { reply } = await run(two, "secret");
    expect(reply.status === "error" && reply.ename).toBe("ReferenceError");
  });
});

describe("Session: await, imports and output order", () => {
  it("supports top-level await", async () => {
    const session = new Session();
    const { sink } = await run(
      session,
      "const v = await new Promise<number>((r) => setTimeout(() => r(7), 5))\nv * 6",
    );
    expect(sink.result()).toBe("42");
  });

  it("imports packages, node builtins and relative TypeScript modules", async () => {
    const session = new Session({ notebookDir: fixtures });
    await run(
      session,
      'import geometry, { norm } from "./geometry.ts"\nimport * as path from "node:path"\nimport { evaluate } from "mathjs"',
    );
    const { sink, reply } = await run(
      session,
      "[geometry, norm({ x: 3, y: 4 }), path.basename('/a/b.c'), evaluate('2^10')]",
    );
    expect(reply.status).toBe("ok");
    expect(sink.result()?.replace(/\s+/g, " ")).toBe("[ 'geometry', 5, 'b.c', 1024 ]");
  });

  it("imports tsnb itself and supports dynamic import()", async () => {
    const session = new Session({ notebookDir: fixtures });
    const { sink, reply } = await run(
      session,
      'const { rng } = await import("tsnb")\nconst r = rng(3)\ntypeof r()',
    );
    expect(reply).toEqual({ status: "ok" });
    expect(sink.result()).toBe("'number'");
  });

  it("says plainly which package is missing and where it was looked for, at the cell's import line", async () => {
    const session = new Session({ notebookDir: fixtures });
    const { sink, reply } = await run(
      session,
      'const n = 1\nimport { chunk } from "no-such-package/sub";\nchunk',
    );
    expect(reply).toMatchObject({ status: "error", ename: "ModuleNotFoundError" });
    const error = sink.outputs.find((o) => o.output_type === "error") as {
      evalue: string;
      traceback: string[];
    };
    expect(error.evalue).toBe(
      `Cannot find package 'no-such-package/sub' in the notebook's folder (${fixtures}) or tsnb's installation ` +
        `(expected node_modules/no-such-package: run npm install no-such-package in ${fixtures} or in the tsnb project)`,
    );
    // The cell's import is the only frame: none of the resolver's own.
    expect(error.traceback.filter((line) => line.trimStart().startsWith("at "))).toEqual([
      "    at cell[1]:2:1",
    ]);
  });

  it("places an error in a top-level let on its line, and shows none of tsnb's own frames", async () => {
    const session = new Session();
    const { sink } = await run(session, "const a = 1\nlet y = undefinedThing + 1");
    const error = sink.outputs.find((o) => o.output_type === "error") as { traceback: string[] };
    const frames = error.traceback.filter((line) => line.trimStart().startsWith("at "));
    expect(frames).toEqual(["    at cell[1]:2:5"]);
    expect(error.traceback.join("\n").replace(/\x1b\[[0-9;]*m/g, "")).toContain(
      "> 2 | let y = undefinedThing + 1",
    );
  });

  it("maps the stack of an Error shown as a value or printed to the cells, without tsnb's frames", async () => {
    const session = new Session();
    await run(session, "function make() {\n  return new Error('kept')\n}");
    const { sink } = await run(session, "const e = make()\nconsole.log(e)\ne");
    const shown = sink.outputs.map((o) =>
      o.output_type === "stream"
        ? String(o.text)
        : (o.data as Record<string, string>)["text/plain"]!,
    );
    expect(shown).toHaveLength(2);
    for (const text of shown) {
      expect(text).toMatch(
        /^Error: kept\n {4}at (?:Object\.)?make \(cell\[1\]:2:10\)\n {4}at cell\[2\]:1:11\n?$/,
      );
      expect(text).not.toMatch(/tsnb-cell-|session\.ts|worker-serve|node:/);
    }
  });

  it("keeps stdout and stderr in order across awaits", async () => {
    const session = new Session();
    const { sink } = await run(
      session,
      'console.log("one")\nawait new Promise((r) => setTimeout(r, 5))\nconsole.error("two")\nawait null\nconsole.info("three")\n"four"',
    );
    expect(
      sink.outputs.map((o) => (o.output_type === "stream" ? `${o.name}:${o.text}` : o.output_type)),
    ).toEqual(["stdout:one\n", "stderr:two\n", "stdout:three\n", "execute_result"]);
  });

  it("seeds Math.random per session", async () => {
    const draw = async (seed: number) =>
      (await run(new Session({ seed }), "Math.random()")).sink.result();
    expect(await draw(5)).toBe(await draw(5));
    expect(await draw(5)).not.toBe(await draw(6));
  });
});

describe("Session: errors point into the cell's own source", () => {
  it("reports the line and column of a runtime error", async () => {
    const session = new Session();
    const { reply } = await run(
      session,
      "const a: number = 1\nconst b = 2\nconst c = (a as any).nope.deeper",
    );
    expect(reply.status).toBe("error");
    if (reply.status !== "error") return;
    expect(reply.ename).toBe("TypeError");
    expect(reply.traceback.join("\n")).toMatch(/cell\[1\]:3:\d+/);
    expect(reply.traceback.join("\n")).not.toMatch(/src\/runtime|node:internal/);
  });

  it("maps frames of a function declared in an earlier cell", async () => {
    const session = new Session();
    await run(
      session,
      "// helper\n\nfunction explode(): never {\n  throw new RangeError('too far')\n}",
    );
    const { reply } = await run(session, "explode()");
    if (reply.status !== "error") throw new Error("expected an error");
    expect(reply.ename).toBe("RangeError");
    expect(reply.evalue).toBe("too far");
    expect(reply.traceback[1]).toMatch(/explode \(cell\[1\]:4:9\)/);
    expect(reply.traceback[2]).toMatch(/cell\[2\]:1:1/);
  });

  it("reports syntax errors with their position", async () => {
    const session = new Session();
    const { reply } = await run(session, "const ok = 1\nconst broken = (1 +\n");
    if (reply.status !== "error") throw new Error("expected an error");
    expect(reply.ename).toBe("SyntaxError");
    expect(reply.traceback[1]).toMatch(/cell\[1\]:3:1/);
  });

  it("turns a thrown non-Error into an error output", async () => {
    const { reply } = await run(new Session(), "throw 'plain string'");
    expect(reply.status === "error" && reply.evalue).toBe("'plain string'");
  });
});

describe("Session: interrupt in-thread", () => {
  it("stops an async loop and a pending await, and stays usable", async () => {
    const session = new Session();
    await run(session, "let ticks = 0");
    const loop = run(
      session,
      "while (true) { ticks++; await new Promise((r) => setTimeout(r, 1)) }",
    );
    setTimeout(() => session.interrupt(), 50);
    const { reply } = await loop;
    expect(reply.status === "error" && reply.ename).toBe("KeyboardInterrupt");
    const pending = run(session, "await new Promise(() => {})");
    setTimeout(() => session.interrupt(), 20);
    expect((await pending).reply.status).toBe("error");
    const after = await run(session, "ticks > 0");
    expect(after.sink.result()).toBe("true");
  });
});

describe("Session: user_expressions", () => {
  it("evaluates expressions in the session scope without output", async () => {
    const session = new Session();
    await run(session, "const w = 21");
    const results = await session.evaluate({ double: "w * 2", bad: "nope()" });
    expect(results.double).toMatchObject({ status: "ok", data: { "text/plain": "42" } });
    expect(results.bad.status).toBe("error");
  });
});

describe("Session: display integration", () => {
  it("does not repeat a claim returned as the cell's value", async () => {
    const { sink } = await run(
      new Session(),
      'const m = 2\nclaim({ id: "two", text: "m is two", source: "test", measured: m, expected: 2, pass: m === 2 })',
    );
    expect(sink.outputs.map((o) => o.output_type)).toEqual(["display_data"]);
  });

  it("gives the last expression a rich bundle (a Plot figure as SVG)", async () => {
    const { sink } = await run(
      new Session(),
      'Plot.plot({ marks: [Plot.dot([{ a: 1, b: 2 }], { x: "a", y: "b" })] })',
    );
    const data = sink.outputs[0] as { data: Record<string, unknown> };
    expect(String(data.data["image/svg+xml"])).toMatch(/^<svg[\s\S]*<\/svg>$/);
  });
});
