import { wallClock } from './business-time.js';
import type { Language } from '../domain/language.js';

/**
 * Opening hours as ops write them: "Mon-Fri 08:00-18:00; Sat 09:00-13:00" (days in
 * English, 24-hour times, in the business timezone). An empty string means always open.
 */
export interface OpeningHours {
  /** Per weekday (0 = Sunday): open intervals in minutes after midnight. */
  days: Array<Array<[number, number]>>;
  /** The rules as written: weekday range (0 = Sunday) and minutes after midnight. */
  rules: Array<{ from: number; to: number; open: number; close: number }>;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export class InvalidBusinessHoursError extends Error {
  override readonly name = 'InvalidBusinessHoursError';
}

export function parseBusinessHours(text: string): OpeningHours {
  const days: Array<Array<[number, number]>> = DAYS.map(() => []);
  if (text.trim() === '') {
    for (const day of days) day.push([0, 24 * 60]);
    return { days, rules: [] };
  }
  const rules: OpeningHours['rules'] = [];
  for (const part of text.split(';').map((p) => p.trim()).filter(Boolean)) {
    const match = part.match(/^([a-z]{3})(?:\s*-\s*([a-z]{3}))?\s+(\d{2}):(\d{2})\s*-\s*(\d{2}):(\d{2})$/i);
    if (!match) throw new InvalidBusinessHoursError(`"${part}" is not like "Mon-Fri 08:00-18:00"`);
    const [, from, to, h1, m1, h2, m2] = match as unknown as [string, string, string | undefined, string, string, string, string];
    const start = DAYS.indexOf(from.toLowerCase());
    const end = DAYS.indexOf((to ?? from).toLowerCase());
    if (start < 0 || end < 0) throw new InvalidBusinessHoursError(`unknown day in "${part}"`);
    const open = Number(h1) * 60 + Number(m1);
    const close = Number(h2) * 60 + Number(m2);
    if (!(open < close && close <= 24 * 60)) throw new InvalidBusinessHoursError(`"${part}" closes before it opens`);
    rules.push({ from: start, to: end, open, close });
    for (let day = start; ; day = (day + 1) % 7) {
      days[day]!.push([open, close]);
      if (day === end) break;
    }
  }
  return { days, rules };
}

export function isOpen(hours: OpeningHours, now: Date, timeZone: string): boolean {
  const w = wallClock(now, timeZone);
  const minute = w.hour * 60 + w.minute;
  return hours.days[w.weekday]!.some(([open, close]) => minute >= open && minute < close);
}

/** "Mon-Fri 8 am-6 pm, Sat 9 am-1 pm" for a customer-facing reply. */
export function describeHours(hours: OpeningHours, language: Language): string {
  const clock = (m: number) => {
    const h = Math.floor(m / 60) % 24;
    const h12 = h % 12 === 0 ? 12 : h % 12;
    return `${h12}${m % 60 ? `:${String(m % 60).padStart(2, '0')}` : ''} ${h < 12 ? 'am' : 'pm'}`;
  };
  const names = language === 'en' ? ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] : ['dom', 'lun', 'mar', 'mie', 'jue', 'vie', 'sab'];
  return hours.rules
    .map(({ from, to, open, close }) => {
      const span = from === to ? names[from] : `${names[from]}-${names[to]}`;
      return `${span} ${clock(open)}-${clock(close)}`;
    })
    .join(', ');
}
