/** Keys asking for the same page (filters, size, cursor) are answered by one statement together. */
export async function loadGroupedByRequest<TKey, TPage>(
  keys: readonly TKey[],
  requestOf: (key: TKey) => string,
  loadSame: (sameRequest: TKey[]) => Promise<TPage[]>,
): Promise<TPage[]> {
  const keysByRequest = new Map<string, TKey[]>();
  for (const key of keys) {
    const request = requestOf(key);
    const sameRequest = keysByRequest.get(request);
    if (sameRequest) sameRequest.push(key);
    else keysByRequest.set(request, [key]);
  }
  const pageOf = new Map<TKey, TPage>();
  for (const sameRequest of keysByRequest.values()) {
    const pages = await loadSame(sameRequest);
    sameRequest.forEach((key, index) => pageOf.set(key, pages[index] as TPage));
  }
  return keys.map((key) => pageOf.get(key) as TPage);
}
