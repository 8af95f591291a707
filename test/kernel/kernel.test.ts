import { describe, expect, it } from "vitest";
import { Kernel } from "../../kernel/kernel.ts";
import type { KernelLanguageTools } from "../../kernel/handler.ts";
import type { LanguageTools } from "../../src/runtime/language/index.ts";
import type { Message } from "../../kernel/protocol/message.ts";
import { createSigner } from "../../kernel/protocol/sign.ts";
import type { OutChannel } from "../../kernel/protocol/sockets.ts";
import { decodeFrames } from "../../kernel/protocol/wire.ts";
import { FakeSession } from "./fake-session.ts";
import { KEY, requestFrames } from "./frames.ts";

interface Sent {
  channel: OutChannel;
  message: Message;
}

function setup(
  // the tools, or a loader for them (a test that controls when loading ends)
  language?: LanguageTools | KernelLanguageTools | (() => Promise<KernelLanguageTools>),
  warmLanguageAfterIdleMs?: number,
  typeCheckLimitMs?: number,
  typeWarnings?: boolean,
) {
  const signer = createSigner(KEY);
  const sent: Sent[] = [];
  const logs: string[] = [];
  const session = new FakeSession();
  const shutdowns: boolean[] = [];
  const kernel = new Kernel({
    session,
    signer,
    log: (level, message) => logs.push(`${level}: ${message}`),
    send: (channel, frames) => {
      const decoded = decodeFrames(frames, signer);
      if (!decoded.ok) throw new Error(`kernel sent an undecodable message: ${decoded.reason}`);
      sent.push({ channel, message: decoded.message });
    },
    loadLanguage:
      typeof language === "function" ? language : language ? async () => language : undefined,
    onShutdown: (restart) => shutdowns.push(restart),
    warmLanguageAfterIdleMs,
    typeCheckLimitMs,
    typeWarnings,
  });
  const request = (
    channel: "shell" | "control" | "stdin",
    msg_type: string,
    content: object = {},
    msg_id = `${msg_type}-${sent.length}`,
  ) => {
    kernel.receive(channel, requestFrames(msg_type, content, { msg_id }));
    return msg_id;
  };
  const about = (msg_id: string) =>
    sent.filter((entry) => (entry.message.parent_header as { msg_id?: string }).msg_id === msg_id);
  const types = (msg_id: string) =>
    about(msg_id).map(
      (entry) =>
        `${entry.channel}:${entry.message.header.msg_type}${entry.message.header.msg_type === "status" ? "." + entry.message.content.execution_state : ""}`,
    );
  const replyTo = (msg_id: string) =>
    about(msg_id).find((entry) => entry.message.header.msg_type.endsWith("_reply"))!.message
      .content;
  return { kernel, session, sent, logs, shutdowns, request, about, types, replyTo };
}

describe("Kernel message loop", () => {
  it("answers kernel_info inside status busy/idle with the request as parent", async () => {
    const k = setup();
    const id = k.request("shell", "kernel_info_request");
    await k.kernel.whenIdle();
    expect(k.types(id)).toEqual([
      "iopub:status.busy",
      "shell:kernel_info_reply",
      "iopub:status.idle",
    ]);
    const reply = k.replyTo(id);
    expect(reply).toMatchObject({
      status: "ok",
      protocol_version: "5.3",
      implementation: "tsnb",
      language_info: { name: "typescript", mimetype: "text/typescript", file_extension: ".ts" },
    });
    expect((reply.help_links as unknown[]).length).toBeGreaterThan(0);
    const shellReply = k.about(id).find((entry) => entry.channel === "shell")!.message;
    expect(shellReply.identities.map(String)).toEqual(["client-1"]);
  });

  it("drops and logs a forged message without executing it, then keeps serving", async () => {
    const k = setup();
    k.kernel.receive("shell", requestFrames("execute_request", { code: "evil" }, { key: "wrong" }));
    k.kernel.receive("shell", [Buffer.from("garbage")]);
    k.kernel.receive("control", []);
    await k.kernel.whenIdle();
    expect(k.sent).toEqual([]);
    expect(k.session.executed).toEqual([]);
    expect(k.logs.filter((line) => line.startsWith("warn: dropped"))).toHaveLength(3);
    const id = k.request("shell", "kernel_info_request");
    await k.kernel.whenIdle();
    expect(k.replyTo(id).status).toBe("ok");
  });

  it("drops a replayed message: a valid signature seen before does not run twice", async () => {
    const k = setup();
    const frames = requestFrames("execute_request", { code: "once" }, { msg_id: "replayed" });
    k.kernel.receive("shell", frames);
    k.kernel.receive("shell", frames);
    await k.kernel.whenIdle();
    expect(k.session.executed).toEqual(["once"]);
    expect(k.logs.some((line) => line.includes("duplicate signature"))).toBe(true);
  });

  it("logs an unknown request type and sends no reply, as ipykernel does", async () => {
    const k = setup();
    const id = k.request("shell", "frobnicate_request");
    await k.kernel.whenIdle();
    expect(k.types(id)).toEqual(["iopub:status.busy", "iopub:status.idle"]);
    expect(k.logs.some((line) => line.includes('unknown message type "frobnicate_request"'))).toBe(
      true,
    );
  });

  it("publishes execute_input, outputs and execute_result, and counts executions", async () => {
    const k = setup();
    const first = k.request("shell", "execute_request", { code: "a" });
    const second = k.request("shell", "execute_request", { code: "b" });
    await k.kernel.whenIdle();
    expect(k.types(first)).toEqual([
      "iopub:status.busy",
      "iopub:execute_input",
      "iopub:stream",
      "iopub:execute_result",
      "shell:execute_reply",
      "iopub:status.idle",
    ]);
    expect(k.replyTo(first)).toMatchObject({
      status: "ok",
      execution_count: 1,
      user_expressions: {},
      payload: [],
    });
    expect(k.replyTo(second)).toMatchObject({ status: "ok", execution_count: 2 });
    const result = k
      .about(second)
      .find((entry) => entry.message.header.msg_type === "execute_result")!.message.content;
    expect(result).toEqual({
      execution_count: 2,
      data: { "text/plain": "B" },
      metadata: {},
      transient: {},
    });
    const input = k
      .about(second)
      .find((entry) => entry.message.header.msg_type === "execute_input")!.message.content;
    expect(input).toEqual({ code: "b", execution_count: 2 });
  });

  it("silent runs publish neither execute_input nor execute_result and do not count", async () => {
    const k = setup();
    const id = k.request("shell", "execute_request", { code: "a", silent: true });
    await k.kernel.whenIdle();
    expect(k.types(id)).toEqual([
      "iopub:status.busy",
      "iopub:stream",
      "shell:execute_reply",
      "iopub:status.idle",
    ]);
    expect(k.replyTo(id).execution_count).toBe(0);
    const next = k.request("shell", "execute_request", { code: "b", store_history: false });
    await k.kernel.whenIdle();
    expect(k.replyTo(next).execution_count).toBe(0);
    expect(k.kernel.history).toEqual([]);
  });

  it("evaluates user_expressions after a successful cell", async () => {
    const k = setup();
    const id = k.request("shell", "execute_request", {
      code: "a",
      user_expressions: { x: "1 + 1" },
    });
    await k.kernel.whenIdle();
    expect(k.replyTo(id).user_expressions).toEqual({
      x: { status: "ok", data: { "text/plain": "value of 1 + 1" }, metadata: {} },
    });
  });

  it("relays display_data with its display_id, update_display_data and clear_output", async () => {
    const k = setup();
    const id = k.request("shell", "execute_request", { code: "show" });
    await k.kernel.whenIdle();
    const contents = Object.fromEntries(
      k.about(id).map((entry) => [entry.message.header.msg_type, entry.message.content]),
    );
    expect(contents.display_data).toEqual({
      data: { "text/html": "<b>x</b>", "text/plain": "x" },
      metadata: {},
      transient: { display_id: "d1" },
    });
    expect(contents.update_display_data).toEqual({
      data: { "text/plain": "y" },
      metadata: {},
      transient: { display_id: "d1" },
    });
    expect(contents.clear_output).toEqual({ wait: true });
  });

  it("replies with the error and aborts the execute_requests queued behind it (stop_on_error)", async () => {
    const k = setup();
    const failing = k.request("shell", "execute_request", { code: "fail" });
    const queued = k.request("shell", "execute_request", { code: "never" });
    const info = k.request("shell", "kernel_info_request");
    await k.kernel.whenIdle();
    expect(k.replyTo(failing)).toMatchObject({
      status: "error",
      ename: "Error",
      evalue: "boom",
      execution_count: 1,
    });
    expect(k.types(failing)).toContain("iopub:error");
    expect(k.replyTo(queued).status).toBe("aborted");
    expect(k.types(queued)).toEqual([
      "iopub:status.busy",
      "shell:execute_reply",
      "iopub:status.idle",
    ]);
    expect(k.replyTo(info).status).toBe("ok");
    expect(k.session.executed).toEqual(["fail"]);
  });

  it("runs queued requests after an error when stop_on_error is false", async () => {
    const k = setup();
    k.request("shell", "execute_request", { code: "fail", stop_on_error: false });
    const queued = k.request("shell", "execute_request", { code: "next" });
    await k.kernel.whenIdle();
    expect(k.replyTo(queued).status).toBe("ok");
  });

  it("interrupts a running cell from the control channel and keeps serving", async () => {
    const k = setup();
    const spin = k.request("shell", "execute_request", { code: "spin" });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const interrupt = k.request("control", "interrupt_request");
    await k.kernel.whenIdle();
    expect(k.types(interrupt)).toEqual([
      "iopub:status.busy",
      "control:interrupt_reply",
      "iopub:status.idle",
    ]);
    expect(k.replyTo(spin)).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    expect(k.session.interrupted).toBe(1);
    const after = k.request("shell", "execute_request", { code: "c" });
    await k.kernel.whenIdle();
    expect(k.replyTo(after).status).toBe("ok");
  });

  it("asks for input on stdin, addressed to the requesting client, and returns the reply", async () => {
    const k = setup();
    const id = k.request("shell", "execute_request", { code: "ask", allow_stdin: true });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const ask = k.about(id).find((entry) => entry.channel === "stdin")!.message;
    expect(ask.header.msg_type).toBe("input_request");
    expect(ask.content).toEqual({ prompt: "name? ", password: false });
    expect(ask.identities.map(String)).toEqual(["client-1"]);
    k.request("stdin", "input_reply", { value: "Ada" });
    await k.kernel.whenIdle();
    const stream = k.about(id).find((entry) => entry.message.header.msg_type === "stream")!.message
      .content;
    expect(stream).toEqual({ name: "stdout", text: "hello Ada\n" });
  });

  it("an interrupt ends a cell that waits for input", async () => {
    const k = setup();
    const id = k.request("shell", "execute_request", { code: "ask", allow_stdin: true });
    await new Promise((resolve) => setTimeout(resolve, 10));
    k.request("control", "interrupt_request");
    await k.kernel.whenIdle();
    expect(k.replyTo(id)).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    k.request("stdin", "input_reply", { value: "late" });
    expect(k.logs.some((line) => line.includes("no input_request is waiting"))).toBe(true);
  });

  it("raises a clear error from input() when allow_stdin is false", async () => {
    const k = setup();
    const id = k.request("shell", "execute_request", { code: "ask", allow_stdin: false });
    await k.kernel.whenIdle();
    expect(k.replyTo(id)).toMatchObject({
      status: "error",
      evalue: expect.stringMatching(/allow_stdin: false/),
    });
    expect(k.about(id).some((entry) => entry.channel === "stdin")).toBe(false);
  });

  it("answers history tail with the stored cells and their output", async () => {
    const k = setup();
    k.request("shell", "execute_request", { code: "a" });
    k.request("shell", "execute_request", { code: "b" });
    const id = k.request("shell", "history_request", {
      hist_access_type: "tail",
      n: 1,
      output: true,
      raw: true,
    });
    await k.kernel.whenIdle();
    expect(k.replyTo(id)).toEqual({ status: "ok", history: [[1, 2, ["b", "B"]]] });
  });

  it("answers comm_info with no comms", async () => {
    const k = setup();
    const id = k.request("shell", "comm_info_request", { target_name: "jupyter.widget" });
    await k.kernel.whenIdle();
    expect(k.replyTo(id)).toEqual({ status: "ok", comms: {} });
  });

  it("closes a comm opened for an unknown target, without a reply, as ipykernel does", async () => {
    const k = setup();
    const id = k.request("shell", "comm_open", {
      comm_id: "c1",
      target_name: "jupyter.widget",
      data: {},
    });
    const msg = k.request("shell", "comm_msg", { comm_id: "c1", data: {} });
    await k.kernel.whenIdle();
    expect(k.types(id)).toEqual(["iopub:status.busy", "iopub:comm_close", "iopub:status.idle"]);
    expect(k.about(id)[1]!.message.content).toEqual({ comm_id: "c1", data: {} });
    expect(k.types(msg)).toEqual(["iopub:status.busy", "iopub:status.idle"]);
    expect(k.logs.some((line) => line.includes("unknown message type"))).toBe(false);
  });

  it("shuts down after replying on control, disposing the session and reporting restart", async () => {
    const k = setup();
    const id = k.request("control", "shutdown_request", { restart: true });
    await k.kernel.whenIdle();
    expect(k.types(id)).toEqual([
      "iopub:status.busy",
      "control:shutdown_reply",
      "iopub:status.idle",
    ]);
    expect(k.replyTo(id)).toEqual({ status: "ok", restart: true });
    expect(k.session.disposed).toBe(true);
    expect(k.shutdowns).toEqual([true]);
    k.request("shell", "kernel_info_request");
    await k.kernel.whenIdle();
    expect(k.sent.filter((entry) => entry.message.header.msg_type === "kernel_info_reply")).toEqual(
      [],
    );
  });

  it("converts cursor positions between code points and UTF-16 around the language tools", async () => {
    const calls: number[] = [];
    const language: LanguageTools = {
      complete(_cells, code, cursor) {
        calls.push(cursor);
        return {
          matches: [{ text: "length", type: "property" }],
          cursor_start: code.indexOf("le"),
          cursor_end: cursor,
        };
      },
      inspect: () => ({ found: false, data: {} }),
      isComplete: () => ({ status: "incomplete", indent: "  " }),
      diagnose: () => [],
    };
    const k = setup(language);
    // "🎉" is one code point and two UTF-16 units.
    const id = k.request("shell", "complete_request", { code: "'🎉'.le", cursor_pos: 6 });
    const ic = k.request("shell", "is_complete_request", { code: "if (x) {" });
    await k.kernel.whenIdle();
    expect(calls).toEqual([7]);
    expect(k.replyTo(id)).toMatchObject({
      status: "ok",
      matches: ["length"],
      cursor_start: 4,
      cursor_end: 6,
    });
    expect(k.replyTo(ic)).toEqual({ status: "incomplete", indent: "  " });
  });

  it("loads the language tools in the background only after a cell ran and the kernel sat idle", async () => {
    const completed: string[] = [];
    const language: LanguageTools = {
      complete: (_cells, code) => (
        completed.push(code),
        { matches: [], cursor_start: 0, cursor_end: 0 }
      ),
      inspect: () => ({ found: false, data: {} }),
      isComplete: () => ({ status: "complete" }),
      diagnose: () => [],
    };
    const k = setup(language, 20);
    k.request("shell", "kernel_info_request");
    await k.kernel.whenIdle();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(completed).toEqual([]);
    k.request("shell", "execute_request", { code: "a" });
    await k.kernel.whenIdle();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(completed).toEqual([""]);
  });

  it("warns of a cell's type errors before it runs, once the language tools are loaded", async () => {
    const checked: [string[], string][] = [];
    const language: LanguageTools = {
      complete: () => ({ matches: [], cursor_start: 0, cursor_end: 0 }),
      inspect: () => ({ found: false, data: {} }),
      isComplete: () => ({ status: "complete" }),
      diagnose: (cells, code) => (
        checked.push([[...cells], code]),
        code === "typo"
          ? [{ line: 1, column: 1, code: 2304, message: "Cannot find name 'typo'." }]
          : []
      ),
    };
    const k = setup(language);
    // Before anything loaded the compiler, executing never waits for it: no check.
    const first = k.request("shell", "execute_request", { code: "typo" });
    await k.kernel.whenIdle();
    expect(checked).toEqual([]);
    k.request("shell", "complete_request", { code: "x", cursor_pos: 1 });
    await k.kernel.whenIdle();
    const second = k.request("shell", "execute_request", { code: "typo" });
    const clean = k.request("shell", "execute_request", { code: "fine" });
    await k.kernel.whenIdle();
    expect(checked).toEqual([
      [["typo"], "typo"],
      [["typo", "typo"], "fine"],
    ]);
    const outputs = (id: string) =>
      k
        .about(id)
        .filter((e) => e.channel === "iopub" && e.message.header.msg_type !== "status")
        .map((e) => `${e.message.header.msg_type}:${(e.message.content.name as string) ?? ""}`);
    expect(outputs(first)).toEqual(["execute_input:", "stream:stdout", "execute_result:"]);
    expect(outputs(second)).toEqual([
      "execute_input:",
      "stream:stderr",
      "stream:stdout",
      "execute_result:",
    ]);
    expect(outputs(clean)).toEqual(["execute_input:", "stream:stdout", "execute_result:"]);
    const warning = k.about(second).find((e) => e.message.content.name === "stderr")!.message
      .content;
    expect(warning.text).toBe(
      "TypeScript: 1 type error (the cell runs anyway; // @ts-expect-error above a line or // @ts-nocheck in the cell silences them)\n" +
        "  1:1  Cannot find name 'typo'. (TS2304)\n",
    );
  });

  it("checks no types when type warnings are off (TSNB_TYPE_WARNINGS=0)", async () => {
    const checked: string[] = [];
    const language: LanguageTools = {
      complete: () => ({ matches: [], cursor_start: 0, cursor_end: 0 }),
      inspect: () => ({ found: false, data: {} }),
      isComplete: () => ({ status: "complete" }),
      diagnose: (_cells, code) => (checked.push(code), []),
    };
    const k = setup(language, undefined, undefined, false);
    k.request("shell", "complete_request", { code: "x", cursor_pos: 1 });
    await k.kernel.whenIdle();
    const id = k.request("shell", "execute_request", { code: "typo" });
    await k.kernel.whenIdle();
    expect(k.replyTo(id)).toMatchObject({ status: "ok" });
    expect(checked).toEqual([]);
  });

  it("runs the cell without its type check when the check does not answer in time", async () => {
    const language: KernelLanguageTools = {
      complete: () => ({ matches: [], cursor_start: 0, cursor_end: 0 }),
      inspect: () => ({ found: false, data: {} }),
      isComplete: () => ({ status: "complete" }),
      diagnose: () => new Promise(() => {}), // a stuck language worker
    };
    const k = setup(language, undefined, 20);
    k.request("shell", "complete_request", { code: "x", cursor_pos: 1 });
    await k.kernel.whenIdle();
    const id = k.request("shell", "execute_request", { code: "a" });
    await k.kernel.whenIdle();
    expect(k.replyTo(id)).toMatchObject({ status: "ok" });
    expect(k.session.executed).toEqual(["a"]);
  });

  it("reports a handler failure as an error reply instead of crashing", async () => {
    const k = setup();
    const id = k.request("shell", "complete_request", { code: "x", cursor_pos: 1 });
    await k.kernel.whenIdle();
    expect(k.replyTo(id)).toMatchObject({
      status: "error",
      evalue: expect.stringMatching(/language tools/),
    });
    expect(
      k.logs.some((line) => line.startsWith("error: handler for complete_request failed")),
    ).toBe(true);
  });
});

describe("Kernel: a Tab while the language tools load", () => {
  it("does not hold up the cell run after it: the completion gives up, later ones are answered", async () => {
    let finishLoading: (tools: KernelLanguageTools) => void = () => {};
    const loading = new Promise<KernelLanguageTools>((resolve) => (finishLoading = resolve));
    const k = setup(() => loading);
    const reply = (msg_id: string) =>
      k.about(msg_id).find((e) => e.message.header.msg_type.endsWith("_reply"))?.message.content;
    const tab = k.request("shell", "complete_request", { code: "x", cursor_pos: 1 });
    const hover = k.request("shell", "inspect_request", {
      code: "x",
      cursor_pos: 1,
      detail_level: 0,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reply(tab)).toBeUndefined(); // waiting for the tools: nothing else is queued
    const run = k.request("shell", "execute_request", { code: "1 + 1" });
    await k.kernel.whenIdle();
    expect(reply(tab)).toEqual({
      status: "ok",
      matches: [],
      cursor_start: 1,
      cursor_end: 1,
      metadata: {},
    });
    expect(reply(hover)).toMatchObject({ status: "ok", found: false });
    expect(reply(run)).toMatchObject({ status: "ok" });

    finishLoading({
      complete: async () => ({
        matches: [{ text: "xs", type: "variable" }],
        cursor_start: 0,
        cursor_end: 1,
      }),
      inspect: async () => ({ found: false, data: {} }),
      isComplete: async () => ({ status: "complete" }),
      diagnose: async () => [],
    } as unknown as KernelLanguageTools);
    const tab2 = k.request("shell", "complete_request", { code: "x", cursor_pos: 1 });
    await k.kernel.whenIdle();
    expect(reply(tab2)).toMatchObject({ status: "ok", matches: ["xs"] });
  });
});
