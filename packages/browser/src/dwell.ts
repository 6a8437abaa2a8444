import type { Capture, CaptureApi } from './types.js';

/** Dwell shorter than this is a glance, not reading. */
export const MIN_DWELL_MS = 1000;

interface Seen {
  id: string;
  ms: number;
  /** When the current visible stretch began; 0 or absent while not counting. */
  since?: number;
  inView?: boolean;
}

/**
 * Dwell and abandonment for elements marked with `attr` (the interaction id). Time counts only while the
 * element is at least half visible AND the tab is visible. One dwell signal per interaction, when it
 * leaves view or the page hides; one abandon signal when the page hides after a response was shown and
 * nothing else was said about it.
 */
export function trackDwell(api: CaptureApi, attr: string): Capture & { observe(el: Element): void } {
  const seen = new Map<Element, Seen>();
  const done = new Set<string>();
  /** True the first time it is asked about `key`. */
  const once = (key: string) => !done.has(key) && !!done.add(key);
  const start = (s: Seen) => {
    s.since ||= Date.now();
  };
  const stop = (s: Seen) => {
    if (s.since) s.ms += Date.now() - s.since;
    s.since = 0;
    if (s.ms >= MIN_DWELL_MS && once(s.id)) api.track('implicit', 'dwell', s.id, s.ms);
  };
  const io = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const s = seen.get(entry.target);
        if (!s) continue;
        // A ratio this high implies isIntersecting.
        s.inView = entry.intersectionRatio >= 0.5;
        if (!s.inView) stop(s);
        else if (!document.hidden) start(s);
      }
    },
    { threshold: 0.5 },
  );
  return {
    observe(el) {
      const id = el.getAttribute(attr);
      if (id && !seen.has(el)) {
        seen.set(el, { id, ms: 0 });
        io.observe(el);
      }
    },
    hide() {
      for (const s of seen.values()) {
        const shown = s.ms || s.since;
        stop(s);
        if (shown && !api.engaged(s.id) && once(`!${s.id}`)) api.track('implicit', 'abandon', s.id);
      }
    },
    show() {
      for (const s of seen.values()) if (s.inView) start(s);
    },
  };
}
