import { describe, expect, it } from 'vitest';
import { createRedactor } from '../redactor.js';

const phoneOnly = createRedactor({ recognizers: ['phone'] });
const everything = createRedactor();
const redact = (text: string) => phoneOnly.redactRecord([text]).texts[0];

describe('phone recognizer', () => {
  it.each([
    ['Call +44 20 7946 0958 today', 'Call <PHONE_1> today'],
    ['+1 (415) 555-2671', '<PHONE_1>'],
    ['(415) 555-2671', '<PHONE_1>'],
    ['415-555-2671.', '<PHONE_1>.'],
    ['415.555.2671', '<PHONE_1>'],
    ['415 555 2671', '<PHONE_1>'],
    ['1-800-555-0199 or 1 (800) 555-0199', '<PHONE_1> or <PHONE_1>'],
    ['020 7946 0958', '<PHONE_1>'],
    ['+49 30 901820', '<PHONE_1>'],
    ['+44 (0)20 7946 0958', '<PHONE_1>'],
    ['+14155552671', '<PHONE_1>'],
    ['tel:+33123456789', 'tel:<PHONE_1>'],
    ['01 23 45 67 89', '<PHONE_1>'],
    ['07700 900123', '<PHONE_1>'],
    ['(020) 7946 0958', '<PHONE_1>'],
    ['030 901820', '<PHONE_1>'],
    ['044 668 18 00 or +41 44 668 18 00', '<PHONE_1> or <PHONE_2>'],
    ['03-1234-5678', '<PHONE_1>'],
    ['(11) 98765-4321', '<PHONE_1>'],
    ['(02) 9876 5432 or 0412 345 678', '<PHONE_1> or <PHONE_2>'],
    ['+91 98765 43210', '<PHONE_1>'],
    ['on 2024-01-15 415-555-2671 called', 'on 2024-01-15 <PHONE_1> called'],
    ['415-555-2671 415-555-0000', '<PHONE_1> <PHONE_2>'],
    ['call 415-555-2671 (mobile)', 'call <PHONE_1> (mobile)'],
    ['row 2 +44 20 7946 0958', 'row 2 <PHONE_1>'],
    ['row 2 415-555-2671', 'row 2 <PHONE_1>'],
  ])('redacts %j', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    'in 2024',
    'on 2024-01-15',
    'on 15/01/2024',
    'on 01.02.2024 and 15.01.2024',
    'at 10:30 or 10:30:45',
    'costs $1,299.99 or € 1 299,99',
    'order #12345 and order 123456',
    'order 4155552671',
    'v1.2.3 and version 10.15.7',
    'pi is 3.14159',
    'pages 100-2000',
    'dial 555-2671',
    'ISBN 978-3-16-148410-0',
    'a population of 1,000,000',
    'years 2019 2020 2021 2022',
    'room 101 floor 3',
    '+1 2024',
    'C++ 2020',
    'ISBN 0-306-40615-2',
    'times 09:00-17:00, years 1990-2024',
    'order 123-456-7890',
    'serial 012-00-5678',
    'codes 415-(555)-2671',
  ])('leaves %j alone', (input) => {
    expect(everything.redactRecord([input]).texts[0]).toBe(input);
  });

  it('gives one number the same placeholder however it is formatted', () => {
    expect(redact('(415) 555-2671 or 415.555.2671')).toBe('<PHONE_1> or <PHONE_1>');
  });
});
