/**
 * A small YAML writer for plain data (mappings, sequences, strings, numbers, booleans, null), enough for
 * promptfoo test files without a dependency. Block style, two-space indentation; every string is a
 * double-quoted scalar written as a JSON string (JSON's escapes are all valid in YAML double quotes),
 * with the characters YAML does not allow unescaped escaped too. Keys that are not plain identifiers are
 * quoted the same way.
 */
export type YamlValue = string | number | boolean | null | readonly YamlValue[] | { readonly [key: string]: YamlValue };

/**
 * DEL and the C1 controls (JSON already escapes the C0 ones), the line breaks YAML 1.1 readers see in NEL,
 * U+2028 and U+2029, the BOM, U+FFFE and U+FFFF: written as escapes.
 */
const NOT_PRINTABLE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;
/** Lone surrogates cannot be written as YAML escapes; they become U+FFFD, as a UTF-8 encoder would. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A string as a YAML double-quoted scalar.
 *
 * @example
 * yamlString('Say "hi": #1\n'); // '"Say \\"hi\\": #1\\n"'
 */
export function yamlString(text: string): string {
  return JSON.stringify(text.replace(LONE_SURROGATE, '\ufffd')).replace(
    NOT_PRINTABLE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function scalar(value: string | number | boolean | null): string {
  if (typeof value === 'string') return yamlString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as YAML.`);
    return String(value);
  }
  return value === null ? 'null' : String(value);
}

const key = (k: string) => (PLAIN_KEY.test(k) ? k : yamlString(k));
const isScalar = (v: YamlValue): v is string | number | boolean | null => v === null || typeof v !== 'object';

/** Lines of `value` as a block node at `indent` spaces. */
function block(value: YamlValue, indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  if (isScalar(value)) {
    lines.push(pad + scalar(value));
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value as readonly YamlValue[]) {
      if (isScalar(item) || isEmpty(item)) lines.push(`${pad}- ${inline(item)}`);
      else {
        // The item's first line follows the dash; the rest sit two spaces further in.
        const nested: string[] = [];
        block(item, indent + 2, nested);
        lines.push(`${pad}- ${(nested[0] ?? '').slice(indent + 2)}`, ...nested.slice(1));
      }
    }
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    if (isScalar(v) || isEmpty(v)) lines.push(`${pad}${key(k)}: ${inline(v)}`);
    else {
      lines.push(`${pad}${key(k)}:`);
      block(v, indent + 2, lines);
    }
  }
}

function isEmpty(value: YamlValue): boolean {
  return Array.isArray(value)
    ? value.length === 0
    : typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

function inline(value: YamlValue): string {
  if (isScalar(value)) return scalar(value);
  return Array.isArray(value) ? '[]' : '{}';
}

/**
 * A YAML document for a mapping, optionally after `#` comment lines.
 *
 * @example
 * toYaml({ tests: [{ vars: { input: 'Hi' } }] });
 * // 'tests:\n  - vars:\n      input: "Hi"\n'
 */
export function toYaml(value: { readonly [key: string]: YamlValue }, comments: readonly string[] = []): string {
  const lines = comments.map((c) => `# ${c.replace(/[\r\n]+/g, ' ')}`);
  if (isEmpty(value)) lines.push('{}');
  else block(value, 0, lines);
  return `${lines.join('\n')}\n`;
}
