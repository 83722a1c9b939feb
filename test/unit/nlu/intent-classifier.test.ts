import { describe, expect, test } from 'vitest';
import { AUTOMATABLE_INTENTS, createIntentClassifier, detectLanguage } from '../../../lambdas/core/nlu/index.js';

const classifier = createIntentClassifier();

describe('the shipped intent classifier', () => {
  test.each([
    ["when's the installer showing up?", 'technician_eta'],
    ['wheres my tech at', 'technician_eta'],
    ['is the technican stil coming tdy', 'technician_eta'],
    ['how long til the ac guy gets here 🙏', 'technician_eta'],
    ['¿A qué hora llega el técnico?', 'technician_eta'],
    ['a q hora llega el tecnico', 'technician_eta'],
    ['pls cancel my appt', 'appointment_cancel'],
    ['CANCEL MY APPOINTMENT FOR TOMORROW', 'appointment_cancel'],
    ['quiero cancelar mi cita', 'appointment_cancel'],
    ['can we move my appt to friday', 'appointment_reschedule'],
    ['not cancelling, I just need a later day', 'appointment_reschedule'],
    ['no quiero cancelar, solo cambiar el dia', 'appointment_reschedule'],
    ['necesito reprogramar la visita', 'appointment_reschedule'],
    ['can i talk to a real person', 'talk_to_agent'],
    ['quiero hablar con una persona', 'talk_to_agent'],
  ] as const)('%j → %s', (text, intent) => {
    expect(classifier.classify(text).intent).toBe(intent);
  });

  test.each([
    'how do I close my account',
    'I want to end my cable plan',
    'the installer was here yesterday, all good',
    'did you guys cancel my visit? nobody told me',
    'I smell gas',
    'my basement is flooding',
    'why is my bill so high',
    'thanks!',
    'ok 👍',
    'como cierro mi cuenta',
    'huele a gas',
    'gracias',
    'qwerty zxcvb',
    '',
  ])('%j is not automated', (text) => {
    expect(classifier.classify(text).intent).toBeNull();
  });

  test('answers one of the automatable intents or null, with a confidence between 0 and 1', () => {
    const result = classifier.classify('where is the technician');
    expect([...AUTOMATABLE_INTENTS, null]).toContain(result.intent);
    expect(result.confidence).toBeGreaterThanOrEqual(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result.text).toBe('where is the technician');
  });

  test('reports a confidence that is higher for a clear request than for an unknown one', () => {
    const clear = classifier.classify('where is my technician').confidence;
    const unknown = classifier.classify('blorp fizzle wibble').confidence;
    expect(clear).toBeGreaterThan(unknown);
  });
});

describe('language', () => {
  test.each([
    ['where is my technician', undefined, 'en'],
    ['dónde está mi técnico', undefined, 'es'],
    ['donde esta mi tecnico', undefined, 'es'],
    ['quiero cancelar mi cita de mañana', 'en', 'es'],
    ['can you cancel my appointment for tomorrow', 'es', 'en'],
    ['ok', 'es', 'es'],
    ['ok', 'en', 'en'],
    ['STOP', 'es', 'es'],
    ['gracias', 'en', 'en'],
    ['huele a gas en la cocina', undefined, 'es'],
  ] as const)('%j with stored language %s → %s', (text, stored, expected) => {
    expect(detectLanguage(text, stored)).toBe(expected);
    expect(classifier.classify(text, stored === undefined ? {} : { language: stored }).language).toBe(expected);
  });
});
