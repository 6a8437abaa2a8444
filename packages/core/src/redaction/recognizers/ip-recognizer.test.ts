import { describe, expect, it } from 'vitest';
import { createRedactor } from '../redactor.js';
import { isIpv4, isIpv6 } from './ip-address.js';

const ipOnly = createRedactor({ recognizers: ['ip'] });
const everything = createRedactor();
const redact = (text: string) => ipOnly.redactRecord([text]).texts[0];

describe('IP recognizer', () => {
  it.each([
    ['from 192.168.1.1.', 'from <IP_1>.'],
    ['10.0.0.1:8080', '<IP_1>:8080'],
    ['255.255.255.255 and 0.0.0.0', '<IP_1> and <IP_2>'],
    ['2001:db8::1', '<IP_1>'],
    ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', '<IP_1>'],
    ['fe80::1ff:fe23:4567:890a.', '<IP_1>.'],
    ['::ffff:192.0.2.128', '<IP_1>'],
    ['[2001:db8::8a2e:370:7334]:443', '[<IP_1>]:443'],
    ['2001:DB8::1 = 2001:db8::1', '<IP_1> = <IP_1>'],
  ])('redacts %j', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    '999.1.1.1',
    '256.1.1.1',
    '1.2.3',
    '1.2.3.4.5',
    'v1.2.3.4',
    '01.02.2024',
    '10:30:45',
    'std::vector',
    'cafe::face',
    '::1',
    '00:1A:2B:3C:4D:5E',
    '1:2:3:4:5:6:7:8:9',
    '2001:db8:::1',
  ])('leaves %j alone', (input) => {
    expect(everything.redactRecord([input]).texts[0]).toBe(input);
  });

  it('validates address syntax', () => {
    expect(isIpv4('192.0.2.1')).toBe(true);
    expect(isIpv4('192.0.2.01')).toBe(false);
    expect(isIpv6('1:2:3:4:5:6:7:8')).toBe(true);
    expect(isIpv6('1:2:3:4:5:6:7')).toBe(false);
    expect(isIpv6('1::2::3')).toBe(false);
    expect(isIpv6('::ffff:1.2.3.4')).toBe(true);
    expect(isIpv6('1:2:3:4:5:6:1.2.3.4')).toBe(true);
    expect(isIpv6('1:2:3:4:5:6:7:1.2.3.4')).toBe(false);
    expect(isIpv6('12345::1')).toBe(false);
  });
});
