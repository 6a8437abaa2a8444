/**
 * A strict reader for the YAML subset `toYaml` writes (block mappings and sequences indented by two
 * spaces, double-quoted strings, numbers, true/false/null, [] and {}), so the tests can read a promptfoo
 * export back. Anything outside the subset — a plain unquoted string, a tab, a raw control character,
 * an odd indentation — is an error, so the writer cannot drift into YAML that only looks right.
 */
type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

interface Line {
  indent: number;
  text: string;
  number: number;
}

// Characters YAML 1.2 does not allow unescaped (outside the printable set), plus the 1.1 line breaks.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding raw control characters is the point.
const NON_PRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;

function fail(line: Line | undefined, message: string): never {
  throw new Error(`YAML line ${line?.number ?? 'end'}: ${message}`);
}

/** The double-quoted string starting at `text[0]`, and what follows it. */
function quoted(text: string, line: Line): { value: string; rest: string } {
  let i = 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  if (i >= text.length) fail(line, 'unterminated string');
  const token = text.slice(0, i + 1);
  return { value: JSON.parse(token) as string, rest: text.slice(i + 1) };
}

function scalar(text: string, line: Line): Value {
  if (text.startsWith('"')) {
    const { value, rest } = quoted(text, line);
    if (rest !== '') fail(line, `unexpected text after a string: ${rest}`);
    return value;
  }
  if (text === 'null') return null;
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === '[]') return [];
  if (text === '{}') return {};
  if (/^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$/.test(text)) return Number(text);
  return fail(line, `not a scalar of the subset: ${text}`);
}

/** Splits `key: value` / `key:`; undefined when the text is not a mapping entry. */
function entry(text: string, line: Line): { key: string; value: string } | undefined {
  if (text.startsWith('"')) {
    const { value: key, rest } = quoted(text, line);
    if (rest === ':' || rest.startsWith(': ')) return { key, value: rest.slice(1).trimStart() };
    return undefined;
  }
  const match = /^([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/.exec(text);
  return match ? { key: match[1] ?? '', value: match[2] ?? '' } : undefined;
}

export function readYaml(text: string): Value {
  const lines: Line[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.includes('\t')) fail({ indent: 0, text: raw, number: i + 1 }, 'tab');
    if (NON_PRINTABLE.test(raw)) fail({ indent: 0, text: raw, number: i + 1 }, 'a raw non-printable character');
    const trimmed = raw.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const indent = raw.length - trimmed.length;
    if (indent % 2 !== 0) fail({ indent, text: raw, number: i + 1 }, 'odd indentation');
    lines.push({ indent, text: trimmed, number: i + 1 });
  });
  let at = 0;

  function block(indent: number): Value {
    const first = lines[at];
    if (!first || first.indent !== indent) return fail(first, `expected a block at indentation ${indent}`);
    if (first.text === '{}' || first.text === '[]') {
      at++;
      return scalar(first.text, first);
    }
    if (first.text.startsWith('- ')) return sequence(indent);
    return mapping(indent);
  }

  function sequence(indent: number): Value[] {
    const out: Value[] = [];
    for (let line = lines[at]; line && line.indent === indent && line.text.startsWith('- '); line = lines[at]) {
      const content = line.text.slice(2);
      if (entry(content, line) === undefined && !content.startsWith('- ')) {
        out.push(scalar(content, line));
        at++;
      } else {
        // The item's first line continues after the dash: read it as if it were indented past the dash.
        lines[at] = { indent: indent + 2, text: content, number: line.number };
        out.push(block(indent + 2));
      }
    }
    return out;
  }

  function mapping(indent: number): { [key: string]: Value } {
    const out: { [key: string]: Value } = {};
    for (let line = lines[at]; line && line.indent === indent; line = lines[at]) {
      const kv = entry(line.text, line);
      if (!kv) return fail(line, `expected "key: value": ${line.text}`);
      if (Object.hasOwn(out, kv.key)) fail(line, `duplicate key ${kv.key}`);
      at++;
      if (kv.value !== '') out[kv.key] = scalar(kv.value, line);
      else {
        const next = lines[at];
        if (!next || next.indent <= indent) fail(next, `no value for ${kv.key}`);
        out[kv.key] = block(next.indent);
      }
    }
    return out;
  }

  const value = block(0);
  if (at !== lines.length) fail(lines[at], 'unexpected indentation');
  return value;
}
