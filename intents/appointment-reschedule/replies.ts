import type { Language } from '../../lambdas/core/domain/language.js';

export const rescheduleReplies: Record<
  Language,
  {
    booked: (visit: string) => string;
    taken: string;
    expired: string;
    outOfRange: (count: number) => string;
    unclear: string;
    noneChosen: string;
    noVisit: string;
    noSlots: string;
    tooLate: string;
  }
> = {
  en: {
    booked: (visit) => `Done: your visit is now on ${visit}. We'll text you when your technician is on the way.`,
    taken: 'Sorry, that time was just taken.',
    expired: 'Those times may have changed, so here are fresh ones.',
    outOfRange: (count) => `Please pick a number from 1 to ${count}.`,
    unclear: "I didn't catch which time you'd like.",
    noneChosen: 'No problem, a person will help you find a time.',
    noVisit: "I can't find an upcoming visit to move on your account.",
    noSlots: "I couldn't find an open time in the coming days.",
    tooLate: 'Your technician is already on the way or with you, so this visit cannot be moved by text.',
  },
  es: {
    booked: (visit) => `Listo: su visita queda el ${visit}. Le avisaremos cuando el tecnico vaya en camino.`,
    taken: 'Lo siento, ese horario se acaba de ocupar.',
    expired: 'Esos horarios pueden haber cambiado; aqui tiene otros.',
    outOfRange: (count) => `Elija un numero del 1 al ${count}.`,
    unclear: 'No entendi que horario prefiere.',
    noneChosen: 'De acuerdo, una persona le ayudara a encontrar un horario.',
    noVisit: 'No encuentro una visita proxima para cambiar en su cuenta.',
    noSlots: 'No encontre horarios libres en los proximos dias.',
    tooLate: 'Su tecnico ya va en camino o esta con usted, asi que esta visita no se puede cambiar por mensaje.',
  },
};
