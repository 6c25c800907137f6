// randexp ships no types; the part Fiona uses.
declare module 'randexp' {
  export default class RandExp {
    constructor(pattern: string | RegExp, flags?: string);
    /** The most repetitions of an open quantifier (*, +, {n,}). */
    max: number;
    /** Where its randomness comes from (inclusive bounds); replaced by crypto.randomInt. */
    randInt(from: number, to: number): number;
    gen(): string;
  }
}
