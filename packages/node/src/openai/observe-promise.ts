/**
 * Watches the result of an OpenAI call without changing what the caller gets. The client answers with an
 * `APIPromise` that parses the HTTP body lazily and has extra methods (`withResponse()`, `asResponse()`),
 * so it is returned as itself behind a proxy: the observer is attached the first time the caller asks for
 * the parsed value, and before the caller's own callbacks, so a stream can be tapped before it is read.
 * `asResponse()` (the raw HTTP response) is left alone: reading its body is the caller's business.
 */

const PARSING_METHODS = new Set<PropertyKey>(['then', 'catch', 'finally', 'withResponse']);

export function observePromise<T>(result: T, observe: (value: unknown) => void): T {
  if (typeof result !== 'object' || result === null || typeof (result as { then?: unknown }).then !== 'function') {
    return result;
  }
  const promise = result as T & PromiseLike<unknown>;
  let attached = false;
  return new Proxy(promise, {
    get(target, property) {
      if (!attached && PARSING_METHODS.has(property)) {
        attached = true;
        // Failures are the caller's to see; the observer only cares about answers.
        target.then(observe, () => {});
      }
      const value: unknown = Reflect.get(target, property, target);
      // Bound to the real promise: the client's classes use private fields, which a proxy `this` cannot reach.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
