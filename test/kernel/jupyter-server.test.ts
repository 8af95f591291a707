// End to end, the way JupyterLab drives a kernel: Debian's `jupyter server` launches tsnb from
// its kernelspec and @jupyterlab/services talks to it over the server's websocket.
import type { Kernel, KernelMessage } from "@jupyterlab/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  jupyterHome,
  startJupyterServer,
  type JupyterHome,
  type JupyterServer,
} from "./jupyter.ts";
import { openNotebookSession, type LabClient } from "./services.ts";

let home: JupyterHome;
let server: JupyterServer | undefined;
let client: LabClient | undefined;
let kernel: Kernel.IKernelConnection;

interface Run {
  reply: KernelMessage.IExecuteReplyMsg["content"];
  iopub: KernelMessage.IIOPubMessage[];
}

async function run(
  code: string,
  options: Partial<KernelMessage.IExecuteRequestMsg["content"]> = {},
): Promise<Run> {
  const future = kernel.requestExecute({ code, ...options });
  const iopub: KernelMessage.IIOPubMessage[] = [];
  future.onIOPub = (message) => void iopub.push(message);
  const reply = (await future.done) as KernelMessage.IExecuteReplyMsg;
  return { reply: reply.content, iopub };
}

const ofType = (messages: KernelMessage.IIOPubMessage[], type: string) =>
  messages.filter((message) => message.header.msg_type === type);

beforeAll(async () => {
  home = jupyterHome();
  server = await startJupyterServer(home);
  client = await openNotebookSession(server, "e2e.ipynb");
  kernel = client.kernel;
  const info = await kernel.info;
  expect(info.implementation).toBe("tsnb");
}, 90_000);

afterAll(async () => {
  await client?.close();
  await server?.stop();
  home?.remove();
}, 60_000);

describe("tsnb behind jupyter server, driven by @jupyterlab/services", () => {
  it("reports the TypeScript language and protocol 5.3 in kernel_info", async () => {
    const info = await kernel.info;
    expect(info.protocol_version).toBe("5.3");
    expect(info.language_info).toMatchObject({
      name: "typescript",
      mimetype: "text/typescript",
      file_extension: ".ts",
    });
  });

  it("executes cells, keeps state across them and returns execute_result", async () => {
    const first = await run("const base = 40;\nfunction twice(n: number) { return 2 * n }");
    expect(first.reply.status).toBe("ok");
    const second = await run("console.log('from stdout');\ntwice(base) + 2");
    expect(second.reply).toMatchObject({
      status: "ok",
      execution_count: (first.reply.execution_count as number) + 1,
    });
    expect(ofType(second.iopub, "stream")[0]!.content).toMatchObject({
      name: "stdout",
      text: "from stdout\n",
    });
    expect(ofType(second.iopub, "execute_result")[0]!.content).toMatchObject({
      data: { "text/plain": "82" },
    });
    const states = ofType(second.iopub, "status").map(
      (message) => (message.content as { execution_state: string }).execution_state,
    );
    expect(states).toEqual(["busy", "idle"]);
  });

  it("shows rich display output and updates it by display id", async () => {
    const { reply, iopub } = await run(
      "display(md`# Title`, { id: 'd' });\ndisplay.update('d', html`<b>done</b>`)",
    );
    expect(reply.status).toBe("ok");
    const shown = ofType(iopub, "display_data")[0]!
      .content as KernelMessage.IDisplayDataMsg["content"];
    expect(shown.data["text/markdown"]).toContain("# Title");
    expect(shown.transient).toEqual({ display_id: "d" });
    const updated = ofType(iopub, "update_display_data")[0]!
      .content as KernelMessage.IUpdateDisplayDataMsg["content"];
    expect(updated.data["text/html"]).toContain("<b>done</b>");
  });

  it("reports an error with ename, evalue and a traceback, and keeps earlier state", async () => {
    const { reply, iopub } = await run("const broken = 1;\nnull!.toString()");
    expect(reply.status).toBe("error");
    const error = ofType(iopub, "error")[0]!.content as KernelMessage.IErrorMsg["content"];
    expect(error.ename).toBe("TypeError");
    expect(error.traceback.length).toBeGreaterThan(0);
    expect(
      (await run("base")).iopub.some((message) => JSON.stringify(message.content).includes('"40"')),
    ).toBe(true);
  });

  // The first language request loads the TypeScript compiler: seconds on a loaded CI machine.
  it("completes members of a variable declared in an earlier cell, with the right cursor span", async () => {
    await run("const word = 'hello'");
    const code = "word.toUpp";
    const reply = await kernel.requestComplete({ code, cursor_pos: code.length });
    expect(reply.content.status).toBe("ok");
    const content = reply.content as KernelMessage.ICompleteReplyMsg["content"] & { status: "ok" };
    expect(content.matches).toContain("toUpperCase");
    expect(content.cursor_start).toBe(5);
    expect(content.cursor_end).toBe(code.length);
  }, 90_000);

  it("inspects a function declared in a cell: signature and doc comment", async () => {
    await run("/** Doubles a number. */\nfunction doubled(n: number): number { return 2 * n }");
    const reply = await kernel.requestInspect({
      code: "doubled(3)",
      cursor_pos: 3,
      detail_level: 0,
    });
    const content = reply.content as KernelMessage.IInspectReplyMsg["content"] & { status: "ok" };
    expect(content.found).toBe(true);
    expect(String(content.data["text/plain"])).toContain("function doubled(n: number): number");
    expect(String(content.data["text/plain"])).toContain("Doubles a number.");
  }, 90_000);

  // The completion above loaded the language tools, so cells are type-checked from here on.
  it("warns of a cell's type error before its outputs, and runs it anyway", async () => {
    const { reply, iopub } = await run("const count: number = word;\ncount");
    expect(reply.status).toBe("ok");
    const outputs = iopub.filter((message) => message.header.msg_type !== "status");
    expect(outputs.map((message) => message.header.msg_type)).toEqual([
      "execute_input",
      "stream",
      "execute_result",
    ]);
    expect(outputs[1]!.content).toMatchObject({ name: "stderr" });
    expect(String((outputs[1]!.content as { text: string }).text)).toContain(
      "1:7  Type 'string' is not assignable to type 'number'. (TS2322)",
    );
    expect(ofType(iopub, "execute_result")[0]!.content).toMatchObject({
      data: { "text/plain": "'hello'" },
    });
  }, 90_000);

  it("answers is_complete for complete, incomplete and invalid code", async () => {
    expect((await kernel.requestIsComplete({ code: "1 + 1" })).content).toEqual({
      status: "complete",
    });
    expect(
      (await kernel.requestIsComplete({ code: "for (const x of [1]) {" })).content,
    ).toMatchObject({ status: "incomplete" });
    expect((await kernel.requestIsComplete({ code: "a)" })).content).toEqual({ status: "invalid" });
  }, 90_000);

  it("asks for input on stdin and uses the reply", async () => {
    const future = kernel.requestExecute({
      code: "const name = await input('Your name?');\n`hello ${name}`",
      allow_stdin: true,
    });
    const prompts: string[] = [];
    future.onStdin = (message) => {
      if (message.header.msg_type !== "input_request") return;
      prompts.push((message.content as KernelMessage.IInputRequestMsg["content"]).prompt);
      future.sendInputReply(
        { status: "ok", value: "Ada" },
        message.header as KernelMessage.IHeader<"input_request">,
      );
    };
    const iopub: KernelMessage.IIOPubMessage[] = [];
    future.onIOPub = (message) => void iopub.push(message);
    const reply = (await future.done) as KernelMessage.IExecuteReplyMsg;
    expect(reply.content.status).toBe("ok");
    expect(prompts).toEqual(["Your name?"]);
    expect(ofType(iopub, "execute_result")[0]!.content).toMatchObject({
      data: { "text/plain": "'hello Ada'" },
    });
  });

  it("raises a clear error from input() when the client does not allow stdin", async () => {
    const { reply, iopub } = await run("await input('x?')", { allow_stdin: false });
    expect(reply.status).toBe("error");
    expect(JSON.stringify(ofType(iopub, "error")[0]!.content)).toMatch(/allow_stdin/);
  });

  it("aborts cells queued behind an error (stop_on_error)", async () => {
    // The failing cell waits first, so the second request is surely queued behind it.
    const failing = kernel.requestExecute({
      code: "await new Promise((resolve) => setTimeout(resolve, 1000));\nthrow new Error('stop here')",
      stop_on_error: true,
    });
    const queued = kernel.requestExecute({ code: "globalThis.ranAfterError = true" });
    expect(((await failing.done) as KernelMessage.IExecuteReplyMsg).content.status).toBe("error");
    expect(((await queued.done) as KernelMessage.IExecuteReplyMsg).content.status).toBe("aborted");
    const check = await run("typeof globalThis.ranAfterError");
    expect(ofType(check.iopub, "execute_result")[0]!.content).toMatchObject({
      data: { "text/plain": "'undefined'" },
    });
  });

  it("interrupts an infinite loop; the kernel keeps its state and answers the next cell", async () => {
    await run("let survivor = 'still here'");
    const future = kernel.requestExecute({ code: "while (true) {}" });
    // Wait until the cell is really running before interrupting it.
    await new Promise<void>((resolve) => {
      future.onIOPub = (message) => {
        if (message.header.msg_type === "execute_input") resolve();
      };
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Like a user pressing the button again: a loaded machine may not have started the loop yet.
    let done = false;
    const finished = future.done.finally(() => (done = true));
    while (!done) {
      await kernel.interrupt();
      await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 2000))]);
    }
    const reply = (await finished) as KernelMessage.IExecuteReplyMsg;
    expect(reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    const after = await run("survivor");
    expect(ofType(after.iopub, "execute_result")[0]!.content).toMatchObject({
      data: { "text/plain": "'still here'" },
    });
  }, 30_000);

  it("restarts with a fresh state", async () => {
    await kernel.restart();
    const { reply, iopub } = await run("typeof base");
    expect(reply).toMatchObject({ status: "ok", execution_count: 1 });
    expect(ofType(iopub, "execute_result")[0]!.content).toMatchObject({
      data: { "text/plain": "'undefined'" },
    });
  }, 60_000);

  it("shuts down: the server no longer lists the kernel", async () => {
    const id = kernel.id;
    await kernel.shutdown();
    const response = await fetch(`${server!.baseUrl}api/kernels`, {
      headers: { Authorization: `token ${server!.token}` },
    });
    const kernels = (await response.json()) as { id: string }[];
    expect(kernels.map((entry) => entry.id)).not.toContain(id);
  }, 30_000);
});
