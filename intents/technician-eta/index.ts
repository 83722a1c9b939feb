import { estimateArrival } from '../../lambdas/core/eta/estimate-arrival.js';
import { defineIntent } from '../intent.js';
import { arrivalReply } from './replies.js';
import { utterances } from './utterances.js';

/** "Where is my technician?": a clock-time ETA from the technician's route and location. */
export default defineIntent({
  id: 'technician_eta',
  utterances,
  async fulfil({ customer, language, now, directory, travel, settings }) {
    const appointments = await directory.listCustomerAppointments(customer.id);
    const answer = await estimateArrival(appointments, now, directory, travel, settings);
    return { kind: 'reply', text: arrivalReply(answer, language, settings.timeZone) };
  },
});
