/**
 * SMS encoding rules: a message that uses only the GSM-7 alphabet fits 160 characters
 * in one segment (153 per segment when split); one character outside it forces UCS-2
 * (70, then 67 per segment). Twilio refuses bodies over 1,600 characters.
 */
export const MAX_BODY_LENGTH = 1600;

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';
const gsmBasic = new Set(GSM_BASIC);
const gsmExtended = new Set(GSM_EXTENDED);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentInfo {
  encoding: SmsEncoding;
  segments: number;
  /** Length in encoding units (GSM septets or UTF-16 code units). */
  units: number;
}

export function segmentInfo(body: string): SegmentInfo {
  let septets = 0;
  for (const char of body) {
    if (gsmBasic.has(char)) septets += 1;
    else if (gsmExtended.has(char)) septets += 2;
    else return ucs2(body);
  }
  return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}

function ucs2(body: string): SegmentInfo {
  const units = body.length;
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}

/** Lookalikes that would force UCS-2 for one character, mapped to GSM-7. */
const REPLACEMENTS: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00A0': ' ',
  á: 'a',
  í: 'i',
  ó: 'o',
  ú: 'u',
  Á: 'A',
  Í: 'I',
  Ó: 'O',
  Ú: 'U',
  ê: 'e',
  â: 'a',
  ç: 'c',
  ï: 'i',
  ë: 'e',
};

/**
 * Makes a bot reply cheap to send: swaps lookalike characters (curly quotes, dashes,
 * accents outside GSM-7) so one name like "Martín" does not triple the segment count,
 * and caps the body at Twilio's 1,600-character limit.
 */
export function toSmsBody(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    out += gsmBasic.has(char) || gsmExtended.has(char) ? char : (REPLACEMENTS[char] ?? char);
  }
  return out.length > MAX_BODY_LENGTH ? `${out.slice(0, MAX_BODY_LENGTH - 3)}...` : out;
}
