/**
 * Sees every item of a streamed answer as the caller reads it, and its end, without reading ahead or
 * buffering: the caller's loop drives the stream. openai's `Stream` reads its source through its
 * `iterator` property (for `for await`, `tee()` and `toReadableStream()` alike), so that is what is
 * wrapped; any other async iterable is wrapped at `Symbol.asyncIterator`.
 */

export interface StreamTap {
  onItem(item: unknown): void;
  /** `complete` is false when the reader stopped early (`break`). Not called when the stream fails. */
  onEnd(complete: boolean): void;
}

function tapIterator(iterator: AsyncIterator<unknown>, tap: StreamTap): AsyncIterableIterator<unknown> {
  let ended = false;
  const end = (complete: boolean) => {
    if (ended) return;
    ended = true;
    tap.onEnd(complete);
  };
  const tapped: AsyncIterableIterator<unknown> = {
    async next(...args: [] | [unknown]) {
      let result: IteratorResult<unknown>;
      try {
        result = await iterator.next(...args);
      } catch (error) {
        ended = true;
        throw error;
      }
      if (result.done) end(true);
      else tap.onItem(result.value);
      return result;
    },
    async return(value?: unknown) {
      end(false);
      return iterator.return ? iterator.return(value) : { done: true, value };
    },
    async throw(error?: unknown) {
      ended = true;
      if (iterator.throw) return iterator.throw(error);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return tapped;
    },
  };
  return tapped;
}

/** The tap's callbacks are ours; a fault in them must never surface in the caller's loop. */
function guarded(tap: StreamTap, report: (error: unknown) => void): StreamTap {
  return {
    onItem(item) {
      try {
        tap.onItem(item);
      } catch (error) {
        report(error);
      }
    },
    onEnd(complete) {
      try {
        tap.onEnd(complete);
      } catch (error) {
        report(error);
      }
    },
  };
}

/** Returns false when `stream` cannot be iterated (then nothing is tapped). */
export function tapStream(stream: unknown, tap: StreamTap, report: (error: unknown) => void): boolean {
  if (typeof stream !== 'object' || stream === null) return false;
  const safe = guarded(tap, report);
  const source = stream as { iterator?: unknown; [Symbol.asyncIterator]?: unknown };
  if (typeof source.iterator === 'function') {
    const original = source.iterator.bind(stream) as () => AsyncIterator<unknown>;
    source.iterator = () => tapIterator(original(), safe);
    return true;
  }
  if (typeof source[Symbol.asyncIterator] === 'function') {
    const original = (source[Symbol.asyncIterator] as () => AsyncIterator<unknown>).bind(stream);
    Object.defineProperty(stream, Symbol.asyncIterator, {
      configurable: true,
      value: () => tapIterator(original(), safe),
    });
    return true;
  }
  return false;
}
