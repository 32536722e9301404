/** `3 classes`, `1 instance`: a count with its noun. */
export const plural = (n: number, one: string): string =>
  `${n} ${n === 1 ? one : /(s|x|ch|sh)$/.test(one) ? `${one}es` : `${one}s`}`;
