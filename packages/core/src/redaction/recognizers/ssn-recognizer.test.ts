import { describe, expect, it } from 'vitest';
import { createRedactor } from '../redactor.js';

const ssnOnly = createRedactor({ recognizers: ['ssn'] });
const everything = createRedactor();
const redact = (text: string) => ssnOnly.redactRecord([text]).texts[0];

describe('SSN recognizer', () => {
  it.each([
    ['SSN 123-45-6789.', 'SSN <SSN_1>.'],
    ['123 45 6789', '<SSN_1>'],
    ['665-12-3456', '<SSN_1>'],
    ['899-99-9999', '<SSN_1>'],
    ['001-01-0001', '<SSN_1>'],
    ['row 2 123-45-6789', 'row 2 <SSN_1>'],
  ])('redacts %j', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    ['000-12-3456', 'area 000'],
    ['666-12-3456', 'area 666'],
    ['900-12-3456', 'area 900–999'],
    ['999-12-3456', 'area 900–999'],
    ['123-00-4567', 'group 00'],
    ['123-45-0000', 'serial 0000'],
    ['078-05-1120', 'the Woolworth wallet card'],
    ['219-09-9999', 'a Social Security pamphlet'],
    ['123-45 6789', 'mixed separators'],
    ['123456789', 'no grouping'],
    ['1123-45-6789', 'part of a longer number'],
  ])('leaves %j alone (%s)', (input) => {
    expect(everything.redactRecord([input]).texts[0]).toBe(input);
  });
});
