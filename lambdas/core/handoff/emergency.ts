/**
 * Texts that describe a danger (gas, smoke, fire, sparks, flooding, carbon monoxide) go to a
 * person first, with urgent priority, whatever else they ask. Checked before the classifier.
 */
const EMERGENCY_PATTERNS: RegExp[] = [
  /\b(smell(s|ing)?|olor|huele)\b.{0,30}\b(gas|gases|propane|propano|burning|quemado)\b/i,
  /\bgas\s+(leak|smell|escape)|\b(fuga|escape)\s+de\s+gas\b/i,
  /\b(smoke|smoking|humo|fire|flames?|fuego|incendio|llamas)\b/i,
  /\b(sparks?|sparking|chispas?|electrocut\w*|descarga\s+electrica)\b/i,
  /\b(flood(ed|ing)?|inundad[oa]|inundacion|water\s+everywhere)\b/i,
  /\b(carbon\s+monoxide|co\s+(alarm|detector)|monoxido)\b/i,
];

export function isEmergency(text: string): boolean {
  const plain = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return EMERGENCY_PATTERNS.some((pattern) => pattern.test(plain));
}
