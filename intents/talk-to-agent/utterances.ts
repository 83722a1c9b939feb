export const utterances = {
  en: ['talk to a person', 'agent'],
  es: ['quiero hablar con una persona'],
} as const;
