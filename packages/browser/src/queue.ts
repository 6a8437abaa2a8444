import type { Platform, WireSignal } from './types.js';
import { uuidv7 } from './uuid.js';

/** Signals not yet acknowledged are kept in localStorage under this prefix, one key per page. */
export const QUEUE_PREFIX = 'feedloop:q:';

export interface Queue {
  readonly items: readonly WireSignal[];
  push(signal: WireSignal): void;
  remove(ids: ReadonlySet<string>): void;
  clear(): void;
}

/**
 * A bounded queue persisted until the server acknowledges each signal. Each page writes its own key,
 * so tabs never overwrite each other; a new page adopts every key it finds (a reload, a closed or
 * crashed tab) — if that tab is still alive both send, which is safe because the server dedupes by id.
 */
export function createQueue(platform: Platform, max: number, dropped: (count: number) => void): Queue {
  const key = QUEUE_PREFIX + uuidv7(platform.now());
  let items: WireSignal[] = [];
  const save = () => platform.store(key, items.length ? JSON.stringify(items) : null);
  const add = (list: WireSignal[]) => {
    const ids = new Set(items.map((s) => s.id));
    for (const s of list) if (!ids.has(s.id)) items.push(s);
    const over = items.length - max;
    if (over > 0) {
      items.splice(0, over);
      dropped(over);
    }
    save();
  };
  for (const k of platform.keys()) {
    if (!k.startsWith(QUEUE_PREFIX) || k === key) continue;
    try {
      add(JSON.parse(platform.load(k) ?? '[]') as WireSignal[]);
    } catch {
      // A corrupt entry cannot be delivered; drop it rather than fail every page load.
    }
    // Removed only after `add` saved the items under our own key, so a crash in between loses nothing.
    platform.store(k, null);
  }
  return {
    get items() {
      return items;
    },
    push: (signal) => add([signal]),
    remove(ids) {
      items = items.filter((s) => !ids.has(s.id));
      save();
    },
    clear() {
      items = [];
      save();
    },
  };
}
