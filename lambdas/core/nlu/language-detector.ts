import type { Language } from '../domain/language.js';
import { normalizeText } from './text-normalizer.js';

/**
 * English/Spanish detection from marker words (function words and this domain's frequent words)
 * and Spanish-only characters. Words common to both languages ("no", "a", "me") are left out.
 */
const ENGLISH_MARKERS = new Set(`
  the my is are was were when where what why how who will would can could should you your yours
  i im its it this that there here with for from of on at to be been being have has had do does did
  not dont didnt isnt wont cant please pls thanks thank want need today tomorrow tomorow tmrw yesterday
  coming come comes showing show still yet late running guy tech technician installer appointment
  appt visit cancel cancelling canceled cancelled reschedule move change day week time morning
  afternoon evening talk speak person human agent someone somebody real call and or but just they he she
  we us our get got arrive arriving eta here's hi hey hello ok okay yes yeah sure bill outage
`.split(/\s+/).filter(Boolean));

const SPANISH_MARKERS = new Set(`
  el la los las un una unos unas de del al y o mi mis tu su que en es son por para con como cuando
  donde cual quien porque pero muy ya esta estas estoy este esto eso hay hoy manana ayer tarde noche
  semana dia dias hora horas cita citas tecnico tecnicos instalador visita cancelar cancela cancelen
  cancelo reprogramar cambiar cambio mover otra otro llega llegar llegando llego viene vienen venir
  falta tarda tardan quiero necesito puedo puede pueden hablar persona agente alguien humano gracias
  hola buenas buenos favor porfa oiga disculpe senor senora usted ustedes nada bien vale si sus le les
  nos se lo todavia aun aqui alla camino mejor ningun ninguna nadie tambien entonces luego despues
`.split(/\s+/).filter(Boolean));

const SPANISH_CHARACTERS = /[ñ¿¡áéíóúü]/g;
/** Below this margin of evidence the text is too short to tell, and the stored language wins. */
const MIN_MARGIN = 2;

export interface LanguageGuess {
  language: Language;
  /** Spanish evidence minus English evidence. */
  margin: number;
}

export function detectLanguage(text: string, storedLanguage?: Language): Language {
  return guessLanguage(text, storedLanguage).language;
}

/** Words seen in one language's training texts only: more evidence, beyond the marker lists. */
export type LanguageLexicon = Readonly<Record<Language, { has(word: string): boolean }>>;

export function guessLanguage(text: string, storedLanguage?: Language, lexicon?: LanguageLexicon): LanguageGuess {
  let margin = Math.min(2, (text.toLowerCase().match(SPANISH_CHARACTERS) ?? []).length);
  for (const word of normalizeText(text).split(/[^a-z0-9]+/)) {
    if (SPANISH_MARKERS.has(word)) margin += 1;
    else if (ENGLISH_MARKERS.has(word)) margin -= 1;
    else if (lexicon !== undefined) {
      const spanish = lexicon.es.has(word);
      if (spanish !== lexicon.en.has(word)) margin += spanish ? 1 : -1;
    }
  }
  const detected: Language = margin > 0 ? 'es' : 'en';
  if (Math.abs(margin) >= MIN_MARGIN) return { language: detected, margin };
  if (storedLanguage !== undefined) return { language: storedLanguage, margin };
  return { language: margin === 0 ? 'en' : detected, margin };
}
