/**
 * A word-level diff of an answer and the user's edit of it (edit-to-final), by the longest common
 * subsequence of words and whitespace. Texts too long for the quadratic table are shown as one
 * replacement rather than freezing the page.
 */
export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

const MAX_CELLS = 4_000_000;

export function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

function push(parts: DiffPart[], kind: DiffPart['kind'], text: string): void {
  const last = parts[parts.length - 1];
  if (last && last.kind === kind) last.text += text;
  else parts.push({ kind, text });
}

export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  const parts: DiffPart[] = [];
  if ((a.length + 1) * (b.length + 1) > MAX_CELLS) {
    if (before) push(parts, 'removed', before);
    if (after) push(parts, 'added', after);
    return parts;
  }
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..], in one flat array.
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? lcs[(i + 1) * width + j + 1]! + 1
          : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push(parts, 'same', a[i]!);
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) {
      push(parts, 'removed', a[i]!);
      i++;
    } else {
      push(parts, 'added', b[j]!);
      j++;
    }
  }
  while (i < a.length) push(parts, 'removed', a[i++]!);
  while (j < b.length) push(parts, 'added', b[j++]!);
  return joinChanges(parts);
}

/**
 * Reads better as "one minute → two minutes" than word by word: changes separated only by whitespace
 * become one removal and one addition, the whitespace on both sides.
 */
function joinChanges(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let removed = '';
  let added = '';
  let open = false;
  const flush = () => {
    if (removed) push(out, 'removed', removed);
    if (added) push(out, 'added', added);
    removed = '';
    added = '';
    open = false;
  };
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    const next = parts[k + 1];
    if (part.kind === 'removed') {
      removed += part.text;
      open = true;
    } else if (part.kind === 'added') {
      added += part.text;
      open = true;
    } else if (open && /^\s+$/.test(part.text) && next !== undefined && next.kind !== 'same') {
      removed += part.text;
      added += part.text;
    } else {
      flush();
      push(out, 'same', part.text);
    }
  }
  flush();
  return out;
}
