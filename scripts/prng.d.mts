/** Types of prng.mjs (a seeded pseudo-random generator for test data). */
export declare function prng(seed: number): () => number;
