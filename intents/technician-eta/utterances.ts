export const utterances = {
  en: ['where is my technician', 'when will the tech arrive'],
  es: ['dónde está mi técnico'],
} as const;
