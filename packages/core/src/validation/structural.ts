import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { type ValueError, ValueErrorType } from '@sinclair/typebox/errors';
import type { ItemError } from '../wire/schemas.js';
import { pointerToPath } from './field-path.js';

/** What a schema node expects, in words, for error messages. */
function expectation(error: ValueError): string {
  const schema = error.schema as TSchema & Record<string, unknown>;
  switch (error.type) {
    case ValueErrorType.StringPattern:
      return 'expected an id of 1–200 visible ASCII characters without spaces';
    case ValueErrorType.StringMaxLength:
      return `expected at most ${String(schema.maxLength)} characters`;
    case ValueErrorType.StringMinLength:
      return 'expected a non-empty string';
    case ValueErrorType.ObjectRequiredProperty:
      return 'is required';
    case ValueErrorType.ObjectAdditionalProperties:
      return 'is not a known field';
    case ValueErrorType.Union: {
      const described = typeof schema.description === 'string' ? ` (${schema.description})` : '';
      return `has the wrong type${described}`;
    }
    default:
      return error.message.charAt(0).toLowerCase() + error.message.slice(1);
  }
}

/** A compiled TypeBox check that reports each bad field once, with a readable reason. */
export function compileStructuralCheck(schema: TSchema) {
  const check = TypeCompiler.Compile(schema);
  return (value: unknown, prefix: string): ItemError[] => {
    if (check.Check(value)) return [];
    const seen = new Set<string>();
    const errors: ItemError[] = [];
    for (const error of check.Errors(value)) {
      const field = pointerToPath(prefix, error.path);
      // A union yields one error per branch; the first, most general one is the useful one.
      if ([...seen].some((s) => field === s || field.startsWith(`${s}.`) || field.startsWith(`${s}[`))) continue;
      seen.add(field);
      errors.push({ field, reason: expectation(error) });
      if (errors.length >= 20) break;
    }
    return errors;
  };
}
