import type { Language } from '../domain/language.js';
import { wallClock, zonedInstant } from './business-time.js';

const DAY_NAMES: Record<Language, string[]> = {
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  es: ['dom', 'lun', 'mar', 'mie', 'jue', 'vie', 'sab'],
};

function clock(hour: number, minute: number, withSuffix: boolean, compact = false): string {
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  const time = compact && minute === 0 ? `${h12}` : `${h12}:${String(minute).padStart(2, '0')}`;
  return withSuffix ? `${time} ${hour < 12 ? 'am' : 'pm'}` : time;
}

/**
 * "2:10-2:25 pm", "11:50 am-12:05 pm": a clock-time range in the business timezone.
 * Compact drops ":00" for booked windows ("1-5 pm").
 */
export function formatTimeRange(from: Date, to: Date, timeZone: string, compact = false): string {
  const a = wallClock(from, timeZone);
  const b = wallClock(to, timeZone);
  const sameHalf = a.hour < 12 === b.hour < 12;
  return `${clock(a.hour, a.minute, !sameHalf, compact)}-${clock(b.hour, b.minute, true, compact)}`;
}

export function formatTime(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return clock(w.hour, w.minute, true);
}

/** A booked window ("13:00"-"17:00") as "1-5 pm". */
export function formatWindow(date: string, window: { start: string; end: string }, timeZone: string): string {
  return formatTimeRange(zonedInstant(date, window.start, timeZone), zonedInstant(date, window.end, timeZone), timeZone, true);
}

/** "Tue 12/1" (en) or "mar 1/12" (es). */
export function formatDay(date: string, language: Language): string {
  const [, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  const name = DAY_NAMES[language][weekday];
  return language === 'en' ? `${name} ${month}/${day}` : `${name} ${day}/${month}`;
}
