import type { Language } from '../domain/language.js';
import { formatDay, formatWindow } from '../time/format.js';
import type { Slot } from './find-open-slots.js';

/** "1, 2 or 3" / "1, 2 o 3". */
function choices(count: number, or: string): string {
  const numbers = Array.from({ length: count }, (_, i) => String(i + 1));
  const last = numbers.pop() ?? '';
  return numbers.length === 0 ? last : `${numbers.join(', ')} ${or} ${last}`;
}

const NO_SLOTS: Record<Language, string> = {
  en: 'No open times in the coming days. Reply NONE for a person.',
  es: 'No hay horarios libres en los proximos dias. Responda NINGUNO para hablar con una persona.',
};

/**
 * The numbered offer a customer answers with parseSlotChoice, GSM-7 only:
 * "1) Wed 11/25 8 am-12 pm 2) Wed 11/25 1-5 pm 3) Thu 11/26 8 am-12 pm. Reply 1, 2 or 3, or NONE for a person."
 * Three slots fit one SMS segment. NONE (not the opt-out keyword CANCEL) asks for a person.
 */
export function formatSlotOffer(slots: Slot[], language: Language, timeZone: string): string {
  if (slots.length === 0) return NO_SLOTS[language];
  const list = slots
    .map((slot, i) => `${i + 1}) ${formatDay(slot.date, language)} ${formatWindow(slot.date, slot.window, timeZone)}`)
    .join(' ');
  return language === 'en'
    ? `${list}. Reply ${choices(slots.length, 'or')}, or NONE for a person.`
    : `${list}. Responda ${choices(slots.length, 'o')}, o NINGUNO para hablar con una persona.`;
}
