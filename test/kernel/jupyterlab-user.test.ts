// What a JupyterLab user sees, end to end: Debian's `jupyter server` launches tsnb and
// @jupyterlab/services drives it as JupyterLab does; the outputs are then judged by JupyterLab's
// own front-end code (its rendermime registry picks the MIME type an output area shows, its
// CodeMirror 6 language registry picks the editor's highlighting).
import type { Kernel, KernelMessage } from "@jupyterlab/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { editorLanguage, preferredMimeType } from "../jupyterlab/frontend.ts";
import { PLOT_MIME } from "../../src/display/plot-spec.ts";
import {
  jupyterHome,
  startJupyterServer,
  type JupyterHome,
  type JupyterServer,
} from "./jupyter.ts";
import { openNotebookSession, type LabClient } from "./services.ts";

/** JupyterLab's completer gives up on a provider after this long (`providerTimeout`, 1000 ms). */
const PROVIDER_TIMEOUT_MS = 1000;

let home: JupyterHome;
let server: JupyterServer | undefined;
let client: LabClient | undefined;
let kernel: Kernel.IKernelConnection;

async function run(code: string) {
  const future = kernel.requestExecute({ code });
  const iopub: KernelMessage.IIOPubMessage[] = [];
  future.onIOPub = (message) => void iopub.push(message);
  const reply = (await future.done) as KernelMessage.IExecuteReplyMsg;
  const bundles = iopub
    .filter((m) => ["execute_result", "display_data"].includes(m.header.msg_type))
    .map((m) => (m.content as { data: Record<string, unknown> }).data);
  return { reply: reply.content, bundles, iopub };
}

beforeAll(async () => {
  home = jupyterHome();
  server = await startJupyterServer(home);
  client = await openNotebookSession(server, "user.ipynb");
  kernel = client.kernel;
  await kernel.info;
}, 90_000);

afterAll(async () => {
  await client?.close();
  await server?.stop();
  home?.remove();
}, 60_000);

describe("a JupyterLab user's first hour with tsnb", () => {
  it("loads the language tools at start, so the first Tab beats JupyterLab's completer timeout", async () => {
    // As a user does: run a cell, and press Tab a second after the kernel went idle. The tools
    // load from the kernel's start (no complete_request was sent before this point); how long
    // that takes on a given machine is a benchmark figure (npm run bench -- kernel), so the
    // test waits for the kernel to say they are ready, then times only the completion.
    expect((await run("const words = ['a', 'b'];")).reply.status).toBe("ok");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const ready = /language tools ready \d+ ms after start \(preloaded\)/;
    const deadline = Date.now() + 45_000;
    while (!ready.test(server!.log()) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server!.log()).toMatch(ready);
    const asked = performance.now();
    const reply = await kernel.requestComplete({ code: "words.", cursor_pos: 6 });
    const waited = performance.now() - asked;
    expect(reply.content.status).toBe("ok");
    expect((reply.content as { matches: string[] }).matches).toContain("map");
    expect(waited, `the completion took ${waited.toFixed(0)} ms`).toBeLessThan(PROVIDER_TIMEOUT_MS);
  }, 60_000);

  it("renders a direct import of Observable Plot like the Plot global", async () => {
    const cells = [
      'import * as Plot from "@observablehq/plot";\nPlot.plot({ marks: [Plot.dot([[1, 2], [3, 4]])] })',
      'import { plot, dot } from "@observablehq/plot";\nplot({ marks: [dot([[1, 2], [3, 4]])] })',
      "Plot.dot([[1, 2], [3, 4]]).plot()",
    ];
    for (const code of cells) {
      const { reply, bundles } = await run(code);
      expect(reply.status, code).toBe("ok");
      expect(bundles).toHaveLength(1);
      expect(String(bundles[0]!["image/svg+xml"])).toContain("<svg");
      expect(bundles[0]![PLOT_MIME]).toBeDefined();
      expect(await preferredMimeType(bundles[0]!)).toBe("image/svg+xml");
    }
  }, 60_000);

  it("shows table(rows), claims and progress as HTML, not as a JSON tree", async () => {
    const cells = [
      "table([{ model: 'tiny', loss: 2.5 }, { model: 'base', loss: 1.25 }])",
      "claim({ id: 'c', text: 't', source: 's', measured: 1, expected: 1, pass: 1 === 1 })",
      "for (const _ of progress([1, 2, 3], { label: 'steps' })) {}",
    ];
    for (const code of cells) {
      const { reply, bundles } = await run(code);
      expect(reply.status, code).toBe("ok");
      expect(bundles.length, code).toBeGreaterThan(0);
      for (const bundle of bundles) expect(await preferredMimeType(bundle), code).toBe("text/html");
    }
  }, 60_000);

  it("shows an array of records as text, not as a folded JSON tree", async () => {
    const { reply, bundles } = await run("[{ x: 0, y: 0.5 }, { x: 1, y: 0.25 }]");
    expect(reply.status).toBe("ok");
    expect(bundles).toHaveLength(1);
    expect(await preferredMimeType(bundles[0]!)).toBe("text/plain");
    expect(bundles[0]!["text/plain"]).toBe("[ { x: 0, y: 0.5 }, { x: 1, y: 0.25 } ]");
  }, 60_000);

  it("asks JupyterLab for TypeScript highlighting in kernel_info", async () => {
    const info = await kernel.info;
    expect(await editorLanguage(info.language_info as never)).toBe("TypeScript");
  });
});
