/**
 * Reads a reply to a yes/no question. Only a clear yes acts: "yes", "yes please", "sí,
 * anúlela". A yes with a condition or a question ("yes but can you come later?") is
 * ambiguous: the bot asks again rather than act.
 */
export type Confirmation = 'yes' | 'no' | 'ambiguous' | 'other';

const YES = new Set(['yes', 'y', 'yeah', 'yea', 'yep', 'yup', 'sure', 'ok', 'okay', 'k', 'confirm', 'confirmed', 'correct', 'si', 'claro', 'confirmo', 'dale', 'acuerdo', 'vale', 'afirmativo']);
const NO = new Set(['no', 'n', 'nope', 'nah', 'dont', 'keep', 'nevermind', 'never', 'mantener', 'mantenla', 'mantengala', 'nunca']);
/** Words that may ride along with a clear yes or no without changing it. */
const FILLER = new Set([
  'please', 'pls', 'plz', 'thanks', 'thank', 'you', 'thx', 'go', 'ahead', 'do', 'it', 'that', 'cancel', 'the', 'visit',
  'appointment', 'appt', 'my', 'of', 'course', 'de', 'por', 'favor', 'gracias', 'la', 'lo', 'visita', 'cita', 'anular',
  'anulela', 'anulala', 'cancelar', 'cancelela', 'cancelala', 'hagalo', 'en', 'mind', 'want', 'to', 'i', 'a', 'is', 'fine',
  'perfect', 'perfecto', 'bien', 'esta', 'mejor', 'quiero', 'it', 'them', 'book', 'one', 'this', 'that', 'one', 'works',
]);
const CONDITIONS = /\b(but|pero|unless|except|although|though|if|si\s+no|only|solo|later|mas\s+tarde|instead|en\s+vez)\b|\?/;

export function readConfirmation(text: string): Confirmation {
  const plain = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '');
  const words = plain.split(/[^a-z0-9?]+/).filter(Boolean);
  const yes = words.filter((w) => YES.has(w)).length;
  const no = words.filter((w) => NO.has(w)).length + (/\b(do\s*not|dont|no\s+(la|lo)\s+\w+)\b/.test(plain) ? 1 : 0);
  if (yes === 0 && no === 0) return 'other';
  if (yes > 0 && no > 0) return 'ambiguous';
  if (CONDITIONS.test(plain)) return 'ambiguous';
  const stray = words.filter((w) => !YES.has(w) && !NO.has(w) && !FILLER.has(w));
  if (stray.length > 0) return 'ambiguous';
  return yes > 0 ? 'yes' : 'no';
}
