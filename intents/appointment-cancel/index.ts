import { z } from 'zod';
import type { FulfilmentContext, FulfilmentResult } from '../../lambdas/core/conversation/fulfilment.js';
import type { Appointment } from '../../lambdas/core/domain/directory.js';
import { CHANGEABLE_BY_TEXT } from '../../lambdas/core/schedule/schedule-service.js';
import { readConfirmation } from '../../lambdas/core/text/confirmation.js';
import { defineIntent } from '../intent.js';
import { cancelReplies, describeVisit } from './replies.js';
import { utterances } from './utterances.js';

const stateSchema = z.object({ appointmentId: z.string(), date: z.string(), start: z.string() });

/**
 * Cancel a visit by text: name the visit, ask for an explicit YES (never the bare word
 * CANCEL, a carrier opt-out keyword), and act only on a clear yes.
 */
export default defineIntent({
  id: 'appointment_cancel',
  utterances,
  fulfil: ask,
  async resume(context, answer) {
    const state = stateSchema.safeParse(answer.state);
    if (!state.success) return undefined;
    const reading = readConfirmation(answer.text);
    const newTopic = answer.intent !== null && answer.intent !== 'appointment_cancel';
    if (reading === 'other' && newTopic) return undefined;
    const say = cancelReplies[context.language];
    if (answer.expired) {
      if (reading === 'other') return undefined;
      return prefixed(say.expired, await ask(context));
    }
    const visit = await context.directory.getAppointment(state.data.appointmentId);
    if (!visit || visit.date !== state.data.date || visit.window.start !== state.data.start) return ask(context);
    const described = describeVisit(visit, context.language, context.settings.timeZone);
    if (reading === 'no') return { kind: 'reply', text: say.kept(described) };
    if (reading !== 'yes') return { kind: 'reply', text: say.askAgain(described), followup: state.data };
    const outcome = await context.schedule.cancel(visit, { customerId: context.customer.id, channel: context.conversation.address.channel }, context.now);
    if (outcome === 'changed') return prefixed(say.changedMeanwhile, await ask(context));
    return { kind: 'reply', text: say.cancelled(described) };
  },
});

async function ask(context: FulfilmentContext): Promise<FulfilmentResult> {
  const say = cancelReplies[context.language];
  const visit = await context.schedule.currentVisit(context.customer.id, context.now);
  if (!visit) return { kind: 'reply', text: say.noVisit };
  if (!CHANGEABLE_BY_TEXT.includes(visit.status)) return { kind: 'handoff', reason: 'appointment_change', text: say.tooLate };
  return {
    kind: 'reply',
    text: say.confirm(describeVisit(visit, context.language, context.settings.timeZone)),
    followup: stateOf(visit),
  };
}

function stateOf(visit: Appointment) {
  return { appointmentId: visit.id, date: visit.date, start: visit.window.start };
}

function prefixed(preface: string, result: FulfilmentResult): FulfilmentResult {
  return result.kind === 'reply' ? { ...result, text: `${preface} ${result.text}` } : { ...result, text: [preface, result.text].filter(Boolean).join(' ') };
}
