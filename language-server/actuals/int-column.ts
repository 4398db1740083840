/**
 * A column of 32-bit integers that grows as rows are read: one typed array for 100,000 rows (which
 * the garbage collector never walks) instead of 100,000 numbers in objects.
 */
export class IntColumn {
    private data: Int32Array;
    length = 0;

    constructor(capacity = 1024) {
        this.data = new Int32Array(Math.max(capacity, 16));
    }

    push(value: number): void {
        if (this.length === this.data.length) {
            const grown = new Int32Array(this.data.length * 2);
            grown.set(this.data);
            this.data = grown;
        }
        this.data[this.length++] = value;
    }

    /** The values pushed (a view of them: push no more after this). */
    values(): Int32Array {
        return this.data.subarray(0, this.length);
    }
}
