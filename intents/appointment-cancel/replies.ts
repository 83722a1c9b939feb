import type { Appointment } from '../../lambdas/core/domain/directory.js';
import type { Language } from '../../lambdas/core/domain/language.js';
import { formatDay, formatWindow } from '../../lambdas/core/time/format.js';

/** "Tue 12/1, 1-5 pm" (with the service when known). */
export function describeVisit(visit: Appointment, language: Language, timeZone: string): string {
  const when = `${formatDay(visit.date, language)}, ${formatWindow(visit.date, visit.window, timeZone)}`;
  return visit.service ? `${when} (${visit.service})` : when;
}

export const cancelReplies: Record<
  Language,
  {
    confirm: (visit: string) => string;
    askAgain: (visit: string) => string;
    kept: (visit: string) => string;
    cancelled: (visit: string) => string;
    noVisit: string;
    tooLate: string;
    expired: string;
    changedMeanwhile: string;
  }
> = {
  en: {
    confirm: (visit) => `Reply YES to cancel your visit on ${visit}, or NO to keep it.`,
    askAgain: (visit) => `I haven't cancelled anything. Reply YES to cancel your visit on ${visit}, or NO to keep it.`,
    kept: (visit) => `OK, nothing changed: your visit on ${visit} stays as booked.`,
    cancelled: (visit) => `Done: your visit on ${visit} is cancelled. Text us any time to book a new one.`,
    noVisit: "I can't find an upcoming visit to cancel on your account.",
    tooLate: 'Your technician is already on the way or with you, so this visit cannot be changed by text.',
    expired: 'That question expired, so I have not cancelled anything.',
    changedMeanwhile: 'Your visit changed since I asked, so I have not cancelled it.',
  },
  es: {
    confirm: (visit) => `Responda SI para anular su visita del ${visit}, o NO para mantenerla.`,
    askAgain: (visit) => `No he anulado nada. Responda SI para anular su visita del ${visit}, o NO para mantenerla.`,
    kept: (visit) => `De acuerdo, no cambio nada: su visita del ${visit} sigue en pie.`,
    cancelled: (visit) => `Listo: su visita del ${visit} quedo anulada. Escribanos cuando quiera reservar otra.`,
    noVisit: 'No encuentro una visita proxima para anular en su cuenta.',
    tooLate: 'Su tecnico ya va en camino o esta con usted, asi que esta visita no se puede cambiar por mensaje.',
    expired: 'Esa pregunta caduco, asi que no he anulado nada.',
    changedMeanwhile: 'Su visita cambio desde que pregunte, asi que no la he anulado.',
  },
};
