// clearOutput and input: the two display-side requests that go back to the front end
// (messaging spec: clear_output, input_request on the stdin channel).
import { DisplayError } from "./errors.ts";
import { currentSink } from "./sink.ts";

/** Clears the running cell's output; with `wait`, only once the next output arrives (no flicker). */
export function clearOutput(options: { wait?: boolean } = {}): void {
  currentSink()?.clear(options.wait ?? false);
}

/** Asks the user for one line of text through the front end's stdin channel. */
export async function input(prompt = "", options: { password?: boolean } = {}): Promise<string> {
  const sink = currentSink();
  if (!sink?.input)
    throw new DisplayError("input() needs a front end with stdin (allow_stdin)", {
      expected: "a kernel session whose front end allows stdin",
    });
  return sink.input(prompt, options.password ?? false);
}
