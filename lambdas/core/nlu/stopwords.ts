/**
 * Our own stopwords. Natural's lists drop words that carry the request here
 * ("when", "where", "how", "still", "here", "not", "cuando", "donde", "no"), so they are
 * deliberately absent from these lists.
 */
const ENGLISH = [
  'a', 'an', 'the', 'i', 'me', 'my', 'mine', 'we', 'our', 'us', 'you', 'your', 'is', 'am', 'are',
  'be', 'been', 'was', 'were', 'it', 'its', 'this', 'that', 'to', 'of', 'in', 'on', 'at', 'for',
  'and', 'or', 'so', 'do', 'does', 'did', 'have', 'has', 'had', 'just', 'please', 'hi', 'hello',
  'hey', 'um', 'uh', 'lol', 'guys', 'there', 'some', 'any',
  'with', 'about', 'would', 'could', 'should', 'can', 'will', 'im', 'ive', 'id', 'oh', 'well',
  'yall', 'sir', 'maam',
];

const SPANISH = [
  'el', 'la', 'los', 'las', 'un', 'una', 'unos', 'unas', 'de', 'del', 'al', 'a', 'y', 'o', 'e',
  'mi', 'mis', 'tu', 'tus', 'su', 'sus', 'me', 'te', 'se', 'le', 'les', 'lo', 'que', 'en', 'es',
  'son', 'por', 'para', 'con', 'favor', 'hola', 'buenas', 'buenos', 'dias', 'tardes',
  'este', 'esta', 'esto', 'eso', 'esa', 'ese', 'yo', 'usted', 'ustedes', 'nos', 'muy', 'pues',
  'bueno', 'oiga', 'disculpe', 'senor', 'senora', 'porfa', 'xfa', 'porfis',
];

export const STOPWORDS: ReadonlySet<string> = new Set([...ENGLISH, ...SPANISH]);
