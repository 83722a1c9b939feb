/**
 * What the bot says outside any one intent, per language. Plain GSM-7 text, short
 * enough for one SMS segment, and never the bare word CANCEL (a carrier opt-out keyword).
 */
export const replies = {
  askAccountPhone: {
    en: "Hi! I don't recognise this number. What's the phone number on your account?",
    es: 'Hola. No reconozco este numero. ¿Cual es el telefono de su cuenta?',
  },
  askIdentityProof: {
    en: 'Thanks. To confirm it is you, reply with your account number or the ZIP code of your service address.',
    es: 'Gracias. Para confirmar que es usted, responda con su numero de cuenta o el codigo postal de su direccion.',
  },
  retryIdentityProof: {
    en: "That doesn't match our records. Please reply with your account number or ZIP code.",
    es: 'Eso no coincide con nuestros datos. Responda con su numero de cuenta o codigo postal.',
  },
  linked: {
    en: 'Thanks, this number is now linked to your account.',
    es: 'Gracias, este numero ya esta vinculado a su cuenta.',
  },
  csatThanks: {
    en: 'Thanks for your feedback!',
    es: 'Gracias por su opinion.',
  },
  csatQuestion: {
    en: 'How did we do? Reply 1 (poor) to 5 (great).',
    es: '¿Que tal le atendimos? Responda de 1 (mal) a 5 (muy bien).',
  },
  optedOut: {
    en: (company: string) => `You're unsubscribed from ${company} texts. No more messages will be sent. Reply START to resubscribe.`,
    es: (company: string) => `Se dio de baja de los mensajes de ${company}. No recibira mas mensajes. Responda START para volver.`,
  },
  optedIn: {
    en: (company: string) => `You're subscribed to ${company} texts again. Reply HELP for help, STOP to unsubscribe.`,
    es: (company: string) => `Vuelve a recibir mensajes de ${company}. Responda HELP para ayuda, STOP para darse de baja.`,
  },
  help: {
    en: (company: string) =>
      `${company}: ask "where is my technician?" or text AGENT for a person. Msg&data rates may apply. Reply STOP to unsubscribe.`,
    es: (company: string) =>
      `${company}: pregunte "¿donde esta mi tecnico?" o escriba AGENTE para hablar con una persona. Responda STOP para darse de baja.`,
  },
} as const;

