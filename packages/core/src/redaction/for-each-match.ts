/**
 * Runs a global (`g`) regex over `text`, calling `visit` for each match. The regex objects are
 * module-level singletons compiled once; resetting `lastIndex` here keeps them safe to share
 * between calls (JavaScript never interleaves two synchronous scans).
 */
export function forEachMatch(pattern: RegExp, text: string, visit: (match: RegExpExecArray) => void): void {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    // A zero-length match would loop forever; none of our patterns can produce one, but be safe.
    if (match[0].length === 0) pattern.lastIndex++;
    visit(match);
  }
  pattern.lastIndex = 0;
}
