import type { ComplianceIntent } from './classification.js';

/**
 * Carrier and Twilio compliance keywords (SPEC §5). Checked before the classifier: a message
 * that is only one of these words (any case, trailing punctuation allowed) is a compliance
 * request; "cancel my appointment" is not.
 */
const KEYWORDS: Readonly<Record<string, ComplianceIntent>> = {
  stop: 'opt_out',
  stopall: 'opt_out',
  unsubscribe: 'opt_out',
  cancel: 'opt_out',
  end: 'opt_out',
  quit: 'opt_out',
  revoke: 'opt_out',
  optout: 'opt_out',
  'opt out': 'opt_out',
  'opt-out': 'opt_out',
  start: 'opt_in',
  unstop: 'opt_in',
  help: 'help',
  info: 'help',
};

/** Unmistakable requests to stop the messages, in English and Spanish. */
const OPT_OUT_PHRASES: readonly RegExp[] = [
  /^(please |pls |plz )?(stop|quit) (texting|messaging|txting|sending (me )?(texts?|messages|msgs|sms))( me)?( please| pls| now)?$/,
  /^(please |pls )?(unsubscribe|remove) me( from (this|your) (list|texts?|messages))?( please| pls)?$/,
  /^(please |pls )?(do not|dont) (text|message) me( anymore| again)?( please| pls)?$/,
  /^(por favor )?(ya )?no me (manden|envien|escriban|mande|envie) (mas )?(mensajes|textos|sms)( por favor)?$/,
  /^(por favor )?dejen de (mandarme|enviarme|escribirme)( mensajes| textos)?( por favor)?$/,
  /^(no quiero|ya no quiero) recibir (mas )?(mensajes|textos)$/,
];

export function detectComplianceKeyword(text: string): ComplianceIntent | null {
  const message = text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[\s.!?,;:¡¿"]+$/u, '')
    .replace(/^[\s¡¿"]+/u, '')
    .replace(/[\s,;]+/g, ' ');
  const keyword = KEYWORDS[message];
  if (keyword !== undefined) return keyword;
  return OPT_OUT_PHRASES.some((phrase) => phrase.test(message)) ? 'opt_out' : null;
}
