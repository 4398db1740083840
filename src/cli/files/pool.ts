/** `work` on each item, at most `concurrency` at a time (thousands of files at once exhaust the descriptors); results in order. */
export async function inPool<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
    const results: R[] = new Array(items.length);
    let next = 0;
    async function worker(): Promise<void> {
        while (next < items.length) {
            const i = next++;
            results[i] = await work(items[i]);
        }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
    return results;
}

/**
 * `work` on each item, yielded in order, with up to `ahead` of them started before they are asked for: the
 * next files are read while one is formatted, and no more than `ahead` are held at once. `work` must not reject.
 */
export async function* readAhead<T, R>(items: readonly T[], ahead: number, work: (item: T) => Promise<R>): AsyncGenerator<R> {
    const started: Promise<R>[] = [];
    let next = 0;
    while (next < items.length && started.length < ahead) started.push(work(items[next++]));
    while (started.length > 0) {
        const result = await started.shift()!;
        if (next < items.length) started.push(work(items[next++]));
        yield result;
    }
}
