import { z } from 'zod';
import type { FulfilmentContext, FulfilmentResult } from '../../lambdas/core/conversation/fulfilment.js';
import type { Appointment } from '../../lambdas/core/domain/directory.js';
import type { Slot } from '../../lambdas/core/schedule/find-open-slots.js';
import { parseSlotChoice } from '../../lambdas/core/schedule/parse-slot-choice.js';
import { CHANGEABLE_BY_TEXT } from '../../lambdas/core/schedule/schedule-service.js';
import { formatSlotOffer } from '../../lambdas/core/schedule/slot-offer.js';
import { describeVisit } from '../appointment-cancel/replies.js';
import { defineIntent } from '../intent.js';
import { rescheduleReplies } from './replies.js';
import { utterances } from './utterances.js';

const window = z.object({ start: z.string(), end: z.string() });
const stateSchema = z.object({
  appointmentId: z.string(),
  date: z.string(),
  start: z.string(),
  slots: z.array(z.object({ date: z.string(), window, technicianId: z.string() })).min(1),
});
type OfferState = z.infer<typeof stateSchema>;

/**
 * Move a visit by text: offer up to three real open slots, understand "2", "thursday
 * afternoon" or "none of these", and book atomically (a slot taken meanwhile → fresh offer).
 */
export default defineIntent({
  id: 'appointment_reschedule',
  utterances,
  fulfil: (context) => offer(context),
  async resume(context, answer) {
    const state = stateSchema.safeParse(answer.state);
    if (!state.success) return undefined;
    const say = rescheduleReplies[context.language];
    const { timeZone } = context.settings;
    const choice = parseSlotChoice(answer.text, state.data.slots, context.language, timeZone, context.now);
    const newTopic = answer.intent !== null && answer.intent !== 'appointment_reschedule';
    if (choice.kind === 'unclear' && newTopic) return undefined;
    if (answer.expired) {
      if (choice.kind === 'unclear') return undefined;
      return prefixed(say.expired, await offer(context));
    }
    if (choice.kind === 'none') return { kind: 'handoff', reason: 'appointment_change', text: say.noneChosen };
    if (choice.kind !== 'slot') {
      const text = `${choice.kind === 'out_of_range' ? say.outOfRange(state.data.slots.length) : say.unclear} ${formatSlotOffer(state.data.slots, context.language, timeZone)}`;
      return { kind: 'reply', text, followup: state.data };
    }
    const visit = await context.directory.getAppointment(state.data.appointmentId);
    if (!visit || visit.date !== state.data.date || visit.window.start !== state.data.start) return offer(context);
    const slot = state.data.slots[choice.index]!;
    const by = { customerId: context.customer.id, channel: context.conversation.address.channel };
    const outcome = await context.schedule.book(visit, slot, by, context.now);
    if (outcome === 'booked') {
      const moved: Appointment = { ...visit, date: slot.date, window: slot.window };
      return { kind: 'reply', text: say.booked(describeVisit(moved, context.language, timeZone)) };
    }
    if (outcome === 'changed') return offer(context);
    return prefixed(say.taken, await offer(context, state.data.slots.slice(choice.index, choice.index + 1)));
  },
});

async function offer(context: FulfilmentContext, exclude: Slot[] = []): Promise<FulfilmentResult> {
  const say = rescheduleReplies[context.language];
  const visit = await context.schedule.currentVisit(context.customer.id, context.now);
  if (!visit) return { kind: 'reply', text: say.noVisit };
  if (!CHANGEABLE_BY_TEXT.includes(visit.status)) return { kind: 'handoff', reason: 'appointment_change', text: say.tooLate };
  const slots = await context.schedule.openSlots(visit, context.now, exclude);
  if (slots.length === 0) return { kind: 'handoff', reason: 'appointment_change', text: say.noSlots };
  const state: OfferState = { appointmentId: visit.id, date: visit.date, start: visit.window.start, slots };
  return { kind: 'reply', text: formatSlotOffer(slots, context.language, context.settings.timeZone), followup: state };
}

function prefixed(preface: string, result: FulfilmentResult): FulfilmentResult {
  return result.kind === 'reply' ? { ...result, text: `${preface} ${result.text}` } : { ...result, text: [preface, result.text].filter(Boolean).join(' ') };
}
