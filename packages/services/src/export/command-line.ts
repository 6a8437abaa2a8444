/** Characters a POSIX shell leaves alone; anything else is single-quoted. */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

const quote = (arg: string) => (SAFE.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`);

/** A URL with its password replaced, so a manifest never carries a database credential. */
function withoutPassword(arg: string): string {
  return arg.replace(/([a-z][a-z0-9+.-]*:\/\/[^/:@\s]*:)[^@/\s]*@/gi, '$1***@');
}

/**
 * The command as a user could paste it again, for the manifest: shell-quoted, with any password in a
 * URL argument (`--database-url postgres://u:secret@h/db`) masked.
 *
 * @example
 * commandLine('feedloop', ['export', 'dpo', '--tenant', 'Acme Inc']); // "feedloop export dpo --tenant 'Acme Inc'"
 */
export function commandLine(program: string, args: readonly string[]): string {
  return [program, ...args].map((a) => quote(withoutPassword(a))).join(' ');
}
