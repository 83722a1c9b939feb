import type { Language } from '../domain/language.js';

export const AUTOMATABLE_INTENTS = [
  'technician_eta',
  'appointment_cancel',
  'appointment_reschedule',
  'talk_to_agent',
] as const;
export type AutomatableIntent = (typeof AUTOMATABLE_INTENTS)[number];

export const COMPLIANCE_INTENTS = ['opt_out', 'opt_in', 'help'] as const;
export type ComplianceIntent = (typeof COMPLIANCE_INTENTS)[number];

export interface Classification {
  text: string;
  /** null when the engine is not confident enough to automate: the text goes to a person. */
  intent: string | null;
  /** Calibrated probability of the top intent, 0..1. */
  confidence: number;
  language: Language;
}

export interface ClassifyOptions {
  /** The customer's stored language: wins when the text is too short to tell. */
  language?: Language;
}

/** The port the conversation core uses to understand a text. Knows nothing of channels. */
export interface IntentClassifier {
  classify(text: string, options?: ClassifyOptions): Classification;
}
