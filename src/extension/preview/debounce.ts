/**
 * Coalesces bursts of model changes into one refresh: it runs `quietMs` after the last
 * trigger, and at most `maxMs` after the first one of a burst (so a preview keeps up while
 * the user types without pause).
 */
export const QUIET_MS = 130;
export const MAX_MS = 400;

type Timer = ReturnType<typeof setTimeout>;

export class Debouncer {
    private quiet: Timer | undefined;
    private max: Timer | undefined;

    constructor(private readonly action: () => void, private readonly quietMs = QUIET_MS, private readonly maxMs = MAX_MS) {}

    trigger(): void {
        if (this.quiet !== undefined) clearTimeout(this.quiet);
        this.quiet = setTimeout(() => this.flush(), this.quietMs);
        this.max ??= setTimeout(() => this.flush(), this.maxMs);
    }

    /** Runs the action now (if a burst is pending, it ends here). */
    flush(): void {
        this.cancel();
        this.action();
    }

    get pending(): boolean {
        return this.quiet !== undefined;
    }

    cancel(): void {
        if (this.quiet !== undefined) clearTimeout(this.quiet);
        if (this.max !== undefined) clearTimeout(this.max);
        this.quiet = undefined;
        this.max = undefined;
    }

    dispose(): void {
        this.cancel();
    }
}
