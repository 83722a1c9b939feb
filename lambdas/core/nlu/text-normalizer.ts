/**
 * SMS text normalisation: casing, emoji, accents, apostrophes, abbreviations and contractions.
 * Produces the surface tokens the features are built from; `|` marks a clause boundary
 * (punctuation), which ends a negation's scope.
 */
export const CLAUSE_BOUNDARY = '|';

const EMOJI_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/[👍👌🆗✅]/gu, ' ok '],
  [/[🙏]/gu, ' please '],
  [/[😡😠🤬👎]/gu, ' angry '],
  [/[⏰⌚🕐-🕧⏳⌛]/gu, ' time '],
  [/[🚐🚚🚗🚙]/gu, ' truck '],
  [/[❓❔]/gu, ' ? '],
];
const OTHER_EMOJI = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F\u200D]/gu;
const COMBINING_MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’‘`´]/g;
const TOKEN = /[a-z0-9]+|[.,;:!?()]+/g;

/** SMS shorthand and contractions (accents and apostrophes already removed). */
const EXPANSIONS: Readonly<Record<string, string>> = {
  u: 'you', yu: 'you', ur: 'your', youre: 'you are', r: 'are',
  pls: 'please', plz: 'please', plss: 'please', pleas: 'please', plis: 'please', pliz: 'please',
  appt: 'appointment', appts: 'appointments', apt: 'appointment', appmt: 'appointment', apmt: 'appointment',
  appointmnt: 'appointment', tmrw: 'tomorrow', tmr: 'tomorrow', tmrow: 'tomorrow', tomoro: 'tomorrow',
  tomorow: 'tomorrow', '2moro': 'tomorrow', '2morrow': 'tomorrow', tmw: 'tomorrow',
  tech: 'technician', techs: 'technicians', technican: 'technician', '2day': 'today', tdy: 'today',
  b4: 'before', wen: 'when', wn: 'when', whn: 'when', wher: 'where', whr: 'where', wut: 'what', wat: 'what',
  thx: 'thanks', thnx: 'thanks', thanx: 'thanks', ty: 'thanks', tks: 'thanks', k: 'ok', kk: 'ok', okk: 'ok',
  okey: 'ok', okay: 'ok', msg: 'message', msgs: 'messages', txt: 'text', rn: 'right now', asap: 'soon',
  resched: 'reschedule', rescheduel: 'reschedule', reschedual: 'reschedule', cxl: 'cancel', cncl: 'cancel',
  cancle: 'cancel', ppl: 'people', smth: 'something', sb: 'somebody', bc: 'because', cuz: 'because',
  coz: 'because', wanna: 'want to', gonna: 'going to', gotta: 'have to', lemme: 'let me', gimme: 'give me',
  dont: 'do not', doesnt: 'does not', didnt: 'did not', isnt: 'is not', arent: 'are not', wasnt: 'was not',
  werent: 'were not', wont: 'will not', cant: 'can not', cannot: 'can not', couldnt: 'could not',
  shouldnt: 'should not', wouldnt: 'would not', havent: 'have not', hasnt: 'has not', hadnt: 'had not',
  aint: 'is not', dnt: 'do not', didn: 'did not', don: 'do not', im: 'i am', ive: 'i have', ill: 'i will',
  whens: 'when is', wheres: 'where is', whats: 'what is', hows: 'how is', whos: 'who is', thats: 'that is',
  its: 'it is', hes: 'he is', shes: 'she is', theyre: 'they are', youll: 'you will', nvm: 'never mind',
  q: 'que', ke: 'que', qe: 'que', xq: 'porque', pq: 'porque', porq: 'porque', xfa: 'por favor',
  xfavor: 'por favor', porfa: 'por favor', porfis: 'por favor', tb: 'tambien', tmb: 'tambien',
  d: 'de', dnd: 'donde', dnde: 'donde', cdo: 'cuando', qdo: 'cuando', kiero: 'quiero', tecnik: 'tecnico',
  tec: 'tecnico', hrs: 'horas', hr: 'hora', mnn: 'manana', mana: 'manana', pa: 'para', toy: 'estoy',
  sta: 'esta', tas: 'estas', ta: 'esta', aki: 'aqui', aca: 'aqui', nd: 'nada', bn: 'bien',
};

/** Lower-cases, strips accents and emoji; keeps the words and the clause punctuation. */
export function normalizeText(text: string): string {
  let value = text.normalize('NFKC').toLowerCase();
  for (const [pattern, word] of EMOJI_WORDS) value = value.replace(pattern, word);
  value = value.replace(OTHER_EMOJI, ' ');
  value = value.normalize('NFD').replace(COMBINING_MARKS, '');
  return value.replace(APOSTROPHES, '');
}

/** Surface tokens of a text, shorthand expanded, punctuation folded into CLAUSE_BOUNDARY. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of normalizeText(text).matchAll(TOKEN)) {
    const raw = match[0];
    const first = raw.charCodeAt(0);
    const isWord = (first >= 97 && first <= 122) || (first >= 48 && first <= 57);
    if (!isWord) {
      if (tokens.length > 0 && tokens[tokens.length - 1] !== CLAUSE_BOUNDARY) tokens.push(CLAUSE_BOUNDARY);
      continue;
    }
    const expanded = EXPANSIONS[raw];
    if (expanded === undefined) tokens.push(collapseRepeats(raw));
    else for (const word of expanded.split(' ')) tokens.push(word);
  }
  return tokens;
}

/** "pleaaase" → "pleaase": three or more repeated letters are SMS emphasis, never spelling. */
function collapseRepeats(word: string): string {
  return word.length > 3 ? word.replace(/([a-z])\1{2,}/g, '$1$1') : word;
}
