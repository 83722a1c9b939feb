import type { Language } from '../domain/language.js';
import { SpellingRepair } from '../nlu/spelling-repair.js';
import { normalizeText, tokenize } from '../nlu/text-normalizer.js';
import { addDays, businessDate } from '../time/business-time.js';
import type { Slot } from './find-open-slots.js';

export type SlotChoice = { kind: 'slot'; index: number } | { kind: 'none' } | { kind: 'out_of_range' } | { kind: 'unclear' };

type DayPart = 'am' | 'pm';

const WEEKDAYS: ReadonlyArray<readonly [string, string]> = [
  ['sunday', 'domingo'],
  ['monday', 'lunes'],
  ['tuesday', 'martes'],
  ['wednesday', 'miercoles'],
  ['thursday', 'jueves'],
  ['friday', 'viernes'],
  ['saturday', 'sabado'],
];
/** Shorthand that is not a prefix of the day's name (prefixes of 3+ letters are matched as such). */
const WEEKDAY_SHORTHAND: Readonly<Record<string, number>> = {
  tu: 2, weds: 3, wensday: 3, wendsday: 3, wedsday: 3, th: 4, thr: 4, thrs: 4, thrsday: 4,
};
const DAY_PARTS: Readonly<Record<string, DayPart>> = {
  morning: 'am', mornings: 'am', mornin: 'am', morn: 'am', am: 'am', early: 'am', temprano: 'am', madrugada: 'am',
  afternoon: 'pm', afternoons: 'pm', aftn: 'pm', aft: 'pm', arvo: 'pm', pm: 'pm', evening: 'pm', eve: 'pm',
  tarde: 'pm', tardes: 'pm', noche: 'pm',
};
/** Option numbers said as words; `last` is resolved against the offer's length. */
const ORDINALS: Readonly<Record<string, number | 'last'>> = {
  first: 1, earliest: 1, soonest: 1, primero: 1, primera: 1, primer: 1,
  second: 2, segundo: 2, segunda: 2, third: 3, tercero: 3, tercera: 3, tercer: 3,
  fourth: 4, cuarto: 4, cuarta: 4, fifth: 5, quinto: 5, quinta: 5,
  last: 'last', ultimo: 'last', ultima: 'last',
};
const CARDINALS: Readonly<Record<string, number>> = { two: 2, dos: 2, three: 3, tres: 3, four: 4, cuatro: 4, five: 5, cinco: 5 };
/** "one"/"uno" is a pronoun in "the thursday one": a number only when nothing else is said. */
const LONE_ONE = new Set(['one', 'uno']);
const NONE_WORDS = new Set(['none', 'neither', 'nada', 'ninguno', 'ninguna', 'ningun', 'nothing']);
const NONE_PHRASES: ReadonlyArray<readonly [string, string]> = [
  ['otro', 'dia'], ['otra', 'fecha'], ['otro', 'horario'], ['otra', 'hora'],
  ['other', 'day'], ['another', 'day'], ['different', 'day'], ['other', 'times'], ['another', 'time'],
];
/** Words that make any pick a guess: "either is fine", "cualquiera", "not thursday". */
const HEDGES = new Set(['any', 'anything', 'either', 'whichever', 'both', 'cualquiera', 'cualquier', 'ambos', 'ambas', 'or']);
const NEGATIONS = new Set(['not', 'no', 'never', 'nunca', 'ni']);
/** Words around a choice that say nothing about which one ("I'll take the second one please"). */
const FILLER = new Set([
  'the', 'a', 'an', 'option', 'number', 'one', 'i', 'will', 'would', 'take', 'want', 'like', 'prefer', 'pick', 'choose',
  'please', 'ok', 'yes', 'yeah', 'yep', 'sure', 'thanks', 'works', 'work', 'is', 'are', 'fine', 'good', 'great', 'perfect',
  'best', 'me', 'for', 'that', 'this', 'on', 'in', 'at', 'do', 'can', 'go', 'with', 'let', 'us', 'next', 'day', 'of',
  'opcion', 'numero', 'el', 'la', 'lo', 'los', 'las', 'de', 'del', 'en', 'por', 'favor', 'si', 'gracias', 'quiero',
  'prefiero', 'me', 'esta', 'esa', 'ese', 'este', 'bien', 'perfecto', 'va', 'dia', 'que', 'para', 'mejor', 'y', 'and',
]);
const MAX_UNKNOWN_WORDS = 3;

/** Distance-1 repair towards the long words above ("thrusday", "afternon", "segnda"); short words are too risky. */
const MIN_REPAIR_LENGTH = 5;
const speller = new SpellingRepair(
  new Map(
    [...WEEKDAYS.flat(), ...Object.keys(DAY_PARTS), ...Object.keys(ORDINALS), ...NONE_WORDS, 'tomorrow']
      .filter((word) => word.length >= MIN_REPAIR_LENGTH)
      .map((word) => [word, 1]),
  ),
  new Set(['either', 'there', 'these', 'vienes', 'viene', 'seconds', 'earlier', 'latest']),
);

/** "the last one": the offer's length, known only when resolving. */
const LAST = -1;

interface Hints {
  /** Option numbers named (LAST for "the last one"). */
  numbers: Set<number>;
  loneOne: boolean;
  weekdays: Set<number>;
  /** Days named by offset from today (tomorrow = 1). */
  offsets: Set<number>;
  /** Days named as month/day (en) or day/month (es): [first, second] as written. */
  calendarDates: Array<[number, number]>;
  parts: Set<DayPart>;
  /** Clock times named; each is the hours (0-23) it could mean. */
  hours: number[][];
  none: boolean;
  hedged: boolean;
  negated: boolean;
  unknownWords: number;
}

/**
 * Which offered slot a reply picks: "2", "#2", "the second one", "la 2", "thursday afternoon",
 * "thu am", "mañana en la mañana" (Spanish "mañana" is tomorrow, and morning after "la"),
 * "wed 1-5 pm", "11/26". "none"/"ninguno"/"otro dia" ask for a person. A number outside the
 * offer is out_of_range; a reply that fits several slots, none, or hedges is unclear.
 */
export function parseSlotChoice(text: string, slots: Slot[], language: Language, timeZone: string, now: Date): SlotChoice {
  const hints = readHints(text);
  const filters = slotFilters(hints, slots, language, timeZone, now);
  const numbers = [...new Set([...hints.numbers].map((n) => (n === LAST ? slots.length : n)))];
  if (numbers.length === 0 && filters.length === 0 && hints.loneOne) numbers.push(1);
  const saysSlot = numbers.length > 0 || filters.length > 0;

  if (hints.none) return saysSlot || hints.hedged ? { kind: 'unclear' } : { kind: 'none' };
  // "I can't do any of these", "no puedo ninguna".
  if (hints.negated && hints.hedged && !saysSlot) return { kind: 'none' };
  if (!saysSlot || hints.hedged || hints.negated || hints.unknownWords > MAX_UNKNOWN_WORDS || numbers.length > 1) {
    return { kind: 'unclear' };
  }

  const matching = slots.flatMap((slot, index) => (filters.every((fits) => fits(slot)) ? [index] : []));
  const number = numbers[0];
  if (number === undefined) return matching.length === 1 ? { kind: 'slot', index: matching[0]! } : { kind: 'unclear' };
  const inRange = number >= 1 && number <= slots.length;
  if (filters.length === 0) return inRange ? { kind: 'slot', index: number - 1 } : { kind: 'out_of_range' };
  // A number beside a day is the option only if they agree and it is not also the hour of
  // another slot that day ("wed 1" with Wed 8-12 and Wed 1-5); out of range it was a date or a time ("thu the 26th").
  if (inRange) {
    const hours = hourCandidates(number);
    const asHour = matching.filter((index) => hours.some((hour) => withinWindow(hour, slots[index]!)));
    const agrees = matching.includes(number - 1) && asHour.every((index) => index === number - 1);
    return agrees ? { kind: 'slot', index: number - 1 } : { kind: 'unclear' };
  }
  return matching.length === 1 ? { kind: 'slot', index: matching[0]! } : { kind: 'unclear' };
}

const DATE = /\b(\d{1,2})\/(\d{1,2})\b/g;
const TIME_RANGE = /\b(\d{1,2})(?::\d\d)?\s*(am|pm)?\s*(?:-|to|a|hasta|till?|until)\s*\d{1,2}(?::\d\d)?\s*(?:am|pm)?\b/g;
const AT_TIME = /(?:\bat|@|\ba las)\s*(\d{1,2})(?::\d\d)?\s*(am|pm)?\b/g;
const CLOCK_TIME = /\b(\d{1,2})(?::\d\d\s*(am|pm)?|\s*(am|pm))\b/g;

function readHints(text: string): Hints {
  const hints: Hints = {
    numbers: new Set(),
    loneOne: false,
    weekdays: new Set(),
    offsets: new Set(),
    calendarDates: [],
    parts: new Set(),
    hours: [],
    none: false,
    hedged: false,
    negated: false,
    unknownWords: 0,
  };
  // Dates and clock times first, so their digits are not read as option numbers.
  const rest = normalizeText(text)
    .replace(/\b([ap])\.m\b\.?/g, '$1m')
    .replace(DATE, (_, first: string, second: string) => {
      hints.calendarDates.push([Number(first), Number(second)]);
      return ' ';
    })
    .replace(TIME_RANGE, (_, hour: string, suffix?: string) => {
      hints.hours.push(hourCandidates(Number(hour), suffix));
      return ' ';
    })
    .replace(AT_TIME, (_, hour: string, suffix?: string) => {
      hints.hours.push(hourCandidates(Number(hour), suffix));
      return ' ';
    })
    .replace(CLOCK_TIME, (_, hour: string, suffixAfterMinutes?: string, suffix?: string) => {
      hints.hours.push(hourCandidates(Number(hour), suffixAfterMinutes ?? suffix));
      return ' ';
    });

  const tokens = tokenize(rest);
  let ordinalSaid = false;
  tokens.forEach((raw, i) => {
    const previous = tokens[i - 1];
    const token = raw.length >= MIN_REPAIR_LENGTH ? (speller.repair(raw) ?? raw) : raw;
    if (/^\d+$/.test(token)) {
      if (token.length <= 2) hints.numbers.add(Number(token));
      return;
    }
    const ordinalDigits = /^(\d{1,2})(?:st|nd|rd|th|ro|do|er|to|o|a)$/.exec(token);
    const ordinal = ordinalDigits ? Number(ordinalDigits[1]) : ORDINALS[token];
    if (ordinal !== undefined) {
      hints.numbers.add(ordinal === 'last' ? LAST : ordinal);
      ordinalSaid = true;
      return;
    }
    if (token === 'manana') {
      if (previous === 'la') hints.parts.add('am');
      else hints.offsets.add(previous === 'pasado' ? 2 : 1);
      return;
    }
    if (token === 'tomorrow') {
      hints.offsets.add(previous === 'after' && tokens[i - 2] === 'day' ? 2 : 1);
      return;
    }
    if (token === 'today' || token === 'hoy' || token === 'tonight') {
      hints.offsets.add(0);
      return;
    }
    const part = DAY_PARTS[token];
    if (part !== undefined && !(token === 'am' && previous === 'i')) {
      hints.parts.add(part);
      return;
    }
    const weekday = weekdayOf(token);
    const cardinal = CARDINALS[token];
    if (weekday !== undefined) hints.weekdays.add(weekday);
    else if (cardinal !== undefined) hints.numbers.add(cardinal);
    else if (LONE_ONE.has(token)) hints.loneOne = true;
    else if (NONE_WORDS.has(token) || NONE_PHRASES.some(([a, b]) => previous === a && token === b)) hints.none = true;
    else if (HEDGES.has(token)) hints.hedged = true;
    else if (NEGATIONS.has(token)) hints.negated = true;
    else if (!FILLER.has(token) && token !== '|' && !NONE_PHRASES.some(([a]) => a === token)) hints.unknownWords += 1;
  });
  if (ordinalSaid) hints.loneOne = false;
  return hints;
}

function weekdayOf(token: string): number | undefined {
  const shorthand = WEEKDAY_SHORTHAND[token];
  if (shorthand !== undefined || token.length < 3) return shorthand;
  const index = WEEKDAYS.findIndex((names) => names.some((name) => name.startsWith(token)));
  return index === -1 ? undefined : index;
}

/** The hours (0-23) "8", "8 am" or "1 pm" can mean; without a suffix, either half of the day. */
function hourCandidates(hour: number, suffix?: string): number[] {
  if (suffix === 'am') return [hour % 12];
  if (suffix === 'pm') return [(hour % 12) + 12];
  return hour === 12 ? [12] : [hour, hour + 12];
}

/** One test per kind of hint given; a slot fits the reply when it passes them all. */
function slotFilters(hints: Hints, slots: Slot[], language: Language, timeZone: string, now: Date): Array<(slot: Slot) => boolean> {
  const filters: Array<(slot: Slot) => boolean> = [];

  if (hints.weekdays.size > 0 || hints.offsets.size > 0 || hints.calendarDates.length > 0) {
    const today = businessDate(now, timeZone);
    const dates = new Set([...hints.offsets].map((offset) => addDays(today, offset)));
    for (const written of hints.calendarDates) for (const date of calendarMatches(written, slots, language)) dates.add(date);
    filters.push((slot) => dates.has(slot.date) || hints.weekdays.has(new Date(`${slot.date}T12:00:00Z`).getUTCDay()));
  }
  if (hints.parts.size > 0) filters.push((slot) => hints.parts.has(slot.window.start < '12:00' ? 'am' : 'pm'));
  for (const hours of hints.hours) filters.push((slot) => hours.some((hour) => withinWindow(hour, slot)));
  return filters;
}

/** Offered dates a written "11/26" (en) or "26/11" (es) names, read the other way round if that way names none. */
function calendarMatches([first, second]: [number, number], slots: Slot[], language: Language): string[] {
  const named = (month: number, day: number) =>
    slots.map((slot) => slot.date).filter((date) => Number(date.slice(5, 7)) === month && Number(date.slice(8, 10)) === day);
  const [month, day] = language === 'en' ? [first, second] : [second, first];
  const dates = named(month, day);
  return dates.length > 0 ? dates : named(day, month);
}

function withinWindow(hour: number, slot: Slot): boolean {
  const time = `${String(hour).padStart(2, '0')}:00`;
  return slot.window.start <= time && time < slot.window.end;
}
