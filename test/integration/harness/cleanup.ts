// One cleanup stack for the whole suite: every resource registers its disposal right after it is
// created; `run()` disposes in reverse order, catches and reports each error, and never throws
// before everything has been tried (Ryuk, the reaper container, cannot be pulled here).
export class CleanupStack {
  #steps: { what: string; fn: () => Promise<unknown> }[] = [];
  readonly #report: (message: string) => void;

  constructor(report: (message: string) => void = (message) => console.error(`[integration] ${message}`)) {
    this.#report = report;
  }

  push(what: string, fn: () => Promise<unknown>): void {
    this.#steps.push({ what, fn });
  }

  get size(): number {
    return this.#steps.length;
  }

  /** Runs every step, newest first; returns the failures (also logged). */
  async run(): Promise<string[]> {
    const failures: string[] = [];
    while (this.#steps.length > 0) {
      const step = this.#steps.pop()!;
      try {
        await step.fn();
      } catch (error) {
        const message = `cleanup "${step.what}" failed: ${(error as Error).message}`;
        failures.push(message);
        this.#report(message);
      }
    }
    return failures;
  }
}
