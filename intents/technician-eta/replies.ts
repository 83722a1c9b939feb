import type { ArrivalAnswer } from '../../lambdas/core/eta/estimate-arrival.js';
import type { Language } from '../../lambdas/core/domain/language.js';
import { formatDay, formatTime, formatTimeRange, formatWindow } from '../../lambdas/core/time/format.js';

const firstName = (name: string | undefined, language: Language) =>
  name?.trim().split(/\s+/)[0] || (language === 'en' ? 'Your technician' : 'Su tecnico');

function stops(count: number, language: Language): string {
  if (language === 'en') return count === 1 ? '1 stop' : `${count} stops`;
  return count === 1 ? '1 parada' : `${count} paradas`;
}

/** The customer-facing answer for every case of "where is my technician?". */
export function arrivalReply(answer: ArrivalAnswer, language: Language, timeZone: string): string {
  const en = language === 'en';
  switch (answer.kind) {
    case 'no_appointment':
      return en
        ? "I can't find a visit booked for this account. Reply AGENT and a person will help you."
        : 'No encuentro una visita programada para esta cuenta. Responda AGENTE y una persona le ayudara.';
    case 'other_day': {
      const { date, window } = answer.appointment;
      const when = `${formatDay(date, language)}, ${formatWindow(date, window, timeZone)}`;
      return en
        ? `Your visit is on ${when}. We'll text you when your technician is on the way.`
        : `Su visita es el ${when}. Le avisaremos cuando el tecnico vaya en camino.`;
    }
    case 'cancelled':
      return en
        ? 'Your visit today was cancelled. Reply AGENT to book a new one with a person.'
        : 'Su visita de hoy fue anulada. Responda AGENTE para reservar otra con una persona.';
    case 'completed': {
      const done = answer.appointment.statusAt ? ` at ${formatTime(new Date(answer.appointment.statusAt), timeZone)}` : '';
      const hecho = answer.appointment.statusAt ? ` a las ${formatTime(new Date(answer.appointment.statusAt), timeZone)}` : '';
      return en
        ? `Your visit today was completed${done}. Need anything else? Reply AGENT for a person.`
        : `Su visita de hoy se completo${hecho}. ¿Necesita algo mas? Responda AGENTE.`;
    }
    case 'on_site': {
      const name = firstName(answer.technician?.name, language);
      return en ? `${name} is at your address now.` : `${name} ya esta en su domicilio.`;
    }
    case 'estimate': {
      const name = firstName(answer.technician.name, language);
      const range = formatTimeRange(answer.earliest, answer.latest, timeZone);
      const ahead = answer.stopsAhead;
      const window = formatWindow(answer.appointment.date, answer.appointment.window, timeZone);
      const late = en ? ` Sorry, that is later than your ${window} window.` : ` Disculpe, es despues de su horario de ${window}.`;
      const head = en
        ? ahead === 0
          ? `${name} is headed to you next, arriving about ${range}.`
          : `${name} should arrive about ${range}, with ${stops(ahead, language)} before yours.`
        : ahead === 0
          ? `${name} va a su domicilio, llegara aprox. ${range}.`
          : `${name} llegara aprox. ${range}; tiene ${stops(ahead, language)} antes de la suya.`;
      return answer.late ? head + late : head;
    }
    case 'window_only': {
      const name = firstName(answer.technician?.name, language);
      const window = formatWindow(answer.appointment.date, answer.appointment.window, timeZone);
      const ahead = answer.stopsAhead;
      const place = en
        ? ahead === 0 ? "and you're next on the route" : `with ${stops(ahead, language)} before yours`
        : ahead === 0 ? 'y usted es la siguiente parada' : `con ${stops(ahead, language)} antes de la suya`;
      return en
        ? `I don't have a live location for ${name} right now. Your visit is booked for ${window} today, ${place}.`
        : `No tengo la ubicacion de ${name} ahora. Su visita es hoy de ${window}, ${place}.`;
    }
  }
}
