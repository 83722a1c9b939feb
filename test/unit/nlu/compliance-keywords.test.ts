import { describe, expect, test } from 'vitest';
import { detectComplianceKeyword } from '../../../lambdas/core/nlu/index.js';

describe('detectComplianceKeyword', () => {
  test.each([
    ['STOP', 'opt_out'],
    ['stop', 'opt_out'],
    ['Stop.', 'opt_out'],
    ['  STOP!!  ', 'opt_out'],
    ['STOPALL', 'opt_out'],
    ['unsubscribe', 'opt_out'],
    ['CANCEL', 'opt_out'],
    ['cancel.', 'opt_out'],
    ['END', 'opt_out'],
    ['quit', 'opt_out'],
    ['REVOKE', 'opt_out'],
    ['OPTOUT', 'opt_out'],
    ['opt out', 'opt_out'],
    ['Opt-Out', 'opt_out'],
    ['stop texting me', 'opt_out'],
    ['please stop sending me messages', 'opt_out'],
    ["don't text me anymore", 'opt_out'],
    ['no me manden mensajes', 'opt_out'],
    ['No me envíen más mensajes', 'opt_out'],
    ['dejen de enviarme mensajes', 'opt_out'],
    ['Ya no me envíen más mensajes, por favor', 'opt_out'],
    ['START', 'opt_in'],
    ['start', 'opt_in'],
    ['UNSTOP', 'opt_in'],
    ['HELP', 'help'],
    ['help?', 'help'],
    ['INFO', 'help'],
  ] as const)('%j is %s', (text, expected) => {
    expect(detectComplianceKeyword(text)).toBe(expected);
  });

  test.each([
    'cancel my appointment',
    'please cancel the technician visit',
    'stop by at 3pm please',
    'the tech can start after lunch',
    'help me reschedule',
    'I need help with my bill',
    'when does the visit end',
    'cancelar mi cita',
    '',
  ])('%j is not a compliance keyword', (text) => {
    expect(detectComplianceKeyword(text)).toBeNull();
  });
});
