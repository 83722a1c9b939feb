import { describe, expect, test } from 'vitest';
import { isEmergency } from '../../../lambdas/core/handoff/emergency.js';
import { describeHours, InvalidBusinessHoursError, isOpen, parseBusinessHours } from '../../../lambdas/core/time/business-hours.js';

describe('emergencies', () => {
  test.each([
    ['I smell gas in the kitchen', true],
    ['there is smoke coming out of the furnace', true],
    ['the basement is flooding', true],
    ['sparks from the outlet the tech installed', true],
    ['huele a gas en la cocina', true],
    ['hay una fuga de gas', true],
    ['sale humo del calentador', true],
    ['our CO alarm keeps going off', true],
    ['where is my technician', false],
    ['my bill is wrong', false],
    ['can we move my appointment to friday', false],
  ])('%s → %s', (text, urgent) => {
    expect(isEmergency(text)).toBe(urgent);
  });
});

describe('business hours', () => {
  const hours = parseBusinessHours('Mon-Fri 08:00-18:00; Sat 09:00-13:00');
  const tz = 'America/Chicago';

  test.each([
    ['a Friday at 5:59 pm', '2026-11-20T23:59:00Z', true],
    ['a Friday at 6 pm', '2026-11-21T00:00:00Z', false],
    ['a Saturday at 12:30 pm', '2026-11-21T18:30:00Z', true],
    ['a Saturday at 1 pm', '2026-11-21T19:00:00Z', false],
    ['a Sunday at noon', '2026-11-22T18:00:00Z', false],
    ['a Monday at 8 am', '2026-11-23T14:00:00Z', true],
  ])('%s is %s', (_label, instant, open) => {
    expect(isOpen(hours, new Date(instant), tz)).toBe(open);
  });

  test('reads as a customer would write it, in both languages', () => {
    expect(describeHours(hours, 'en')).toBe('Mon-Fri 8 am-6 pm, Sat 9 am-1 pm');
    expect(describeHours(hours, 'es')).toBe('lun-vie 8 am-6 pm, sab 9 am-1 pm');
  });

  test('an empty setting means always open', () => {
    expect(isOpen(parseBusinessHours(''), new Date('2026-11-22T08:00:00Z'), tz)).toBe(true);
  });

  test.each(['Mon-Fri 8-18', 'Funday 08:00-10:00', 'Mon 18:00-08:00'])('refuses "%s" with the reason', (text) => {
    expect(() => parseBusinessHours(text)).toThrow(InvalidBusinessHoursError);
  });
});
