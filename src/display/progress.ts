// progress(iterable | total, {label}): a progress bar. In an interactive front end (kernel)
// it is one display updated in place — throttled to ≤ 10 updates/s, always ending on the
// exact final state; a headless run (runner, snapshots) gets only that final state, one
// display_data, so outputs do not depend on timing.
import { displayDataOutput } from "./display.ts";
import { MIME_HOOK, type Bundle } from "./mime.ts";
import { currentSink, type OutputSink } from "./sink.ts";

export interface ProgressOptions {
  label?: string;
  /** Clock in milliseconds (default performance.now); injectable so the throttle is testable. */
  now?: () => number;
}

/** Minimum time between two in-place updates: ≤ 10 updates per second. */
export const UPDATE_INTERVAL_MS = 100;

// Shared by every copy of this module (runner's and `import "tsnb"`'s), like the sink, so two
// bars never get the same display id.
const COUNTER = Symbol.for("tsnb.progress-counter");
function nextDisplayId(): string {
  const holder = globalThis as { [COUNTER]?: number };
  holder[COUNTER] = (holder[COUNTER] ?? 0) + 1;
  return `tsnb-progress-${holder[COUNTER]}`;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** One bar's state as a displayable value: `label: 40% 200/500`. */
export class ProgressState {
  constructor(
    readonly label: string,
    readonly count: number,
    readonly total: number | undefined,
  ) {}

  toString(): string {
    const prefix = this.label ? `${this.label}: ` : "";
    if (this.total === undefined) return `${prefix}${this.count}`;
    const percent = this.total > 0 ? Math.floor((100 * this.count) / this.total) : 100;
    return `${prefix}${percent}% ${this.count}/${this.total}`;
  }

  [MIME_HOOK](): Bundle {
    const bar =
      this.total === undefined
        ? "<progress></progress>"
        : `<progress value="${this.count}" max="${this.total}"></progress>`;
    return {
      data: {
        "text/plain": this.toString(),
        "text/html": `<div class="tsnb-progress">${bar} <span>${escapeHtml(this.toString())}</span></div>`,
      },
      metadata: {},
    };
  }
}

/**
 * A progress bar counting to `total` (unknown when undefined): updated in place in a live front
 * end (at most every 100 ms), shown once in its final state in a headless run. Usually made by
 * `progress(n)`; advance with `tick()`, finish with `done()`.
 */
export class ProgressBar {
  count = 0;
  private readonly sink: OutputSink | undefined;
  private readonly id: string;
  private readonly now: () => number;
  private lastUpdate = -Infinity;
  private shown = "";
  private finished = false;

  constructor(
    readonly total: number | undefined,
    readonly label = "",
    now?: () => number,
  ) {
    this.sink = currentSink();
    this.id = nextDisplayId();
    this.now = now ?? (() => performance.now());
    if (this.sink?.interactive) {
      this.emitState(true);
      this.lastUpdate = this.now();
    }
  }

  state(): ProgressState {
    return new ProgressState(this.label, this.count, this.total);
  }

  /** Advances by `n` (default 1); in a live front end, redraws at most every 100 ms. */
  tick(n = 1): void {
    this.count += n;
    if (!this.sink?.interactive || this.finished) return;
    const now = this.now();
    if (now - this.lastUpdate < UPDATE_INTERVAL_MS) return;
    this.lastUpdate = now;
    this.emitState(false);
  }

  /** Shows the final state (the only output in a headless run). Idempotent. */
  done(): void {
    if (this.finished) return;
    this.finished = true;
    if (!this.sink) return;
    if (this.sink.interactive) this.emitState(false);
    else this.emitState(true);
  }

  private emitState(create: boolean): void {
    const sink = this.sink!;
    const bundle = this.state()[MIME_HOOK]();
    const { data, metadata } = bundle;
    if (create) {
      sink.emit(displayDataOutput(bundle, sink.interactive ? this.id : undefined));
      this.shown = String(data["text/plain"]);
    } else if (data["text/plain"] !== this.shown) {
      sink.update(this.id, data, metadata);
      this.shown = String(data["text/plain"]);
    }
  }
}

function knownLength(source: object): number | undefined {
  const { length, size } = source as { length?: unknown; size?: unknown };
  if (typeof length === "number") return length;
  if (typeof size === "number") return size;
  return undefined;
}

function* wrapSync<T>(source: Iterable<T>, bar: ProgressBar): Generator<T, void, undefined> {
  try {
    for (const item of source) {
      yield item;
      bar.tick();
    }
  } finally {
    bar.done();
  }
}

async function* wrapAsync<T>(
  source: AsyncIterable<T>,
  bar: ProgressBar,
): AsyncGenerator<T, void, undefined> {
  try {
    for await (const item of source) {
      yield item;
      bar.tick();
    }
  } finally {
    bar.done();
  }
}

/** Wraps an iterable (the bar ends when the loop ends or breaks), or counts to `total` by `.tick()` / `.done()`. */
export function progress<T>(
  source: Iterable<T>,
  options?: ProgressOptions,
): Generator<T, void, undefined>;
export function progress<T>(
  source: AsyncIterable<T>,
  options?: ProgressOptions,
): AsyncGenerator<T, void, undefined>;
export function progress(total: number, options?: ProgressOptions): ProgressBar;
export function progress<T>(
  source: number | Iterable<T> | AsyncIterable<T>,
  options: ProgressOptions = {},
): unknown {
  const label = options.label ?? "";
  if (typeof source === "number") return new ProgressBar(source, label, options.now);
  const bar = new ProgressBar(knownLength(source), label, options.now);
  if (Symbol.iterator in source) return wrapSync(source, bar);
  return wrapAsync(source, bar);
}
