/** `{ a0: field a1: field … }`: more aliases than any honest client needs. */
export function aliasBomb(field: string, count: number): string {
  return `{ ${Array.from({ length: count }, (_, index) => `a${index}: ${field}`).join(' ')} }`;
}

/** `field { field { … leaf } }`, nested `depth` times. */
export function nested(field: string, depth: number, leaf: string): string {
  return depth === 0 ? leaf : `${field} { ${nested(field, depth - 1, leaf)} }`;
}
