/** Polls `probe` until it returns something truthy (and returns that), or fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | null | false | undefined | Promise<T | null | false | undefined>,
  timeoutMs = 20_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
