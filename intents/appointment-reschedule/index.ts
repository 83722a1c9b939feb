import { defineIntent } from '../intent.js';
import { utterances } from './utterances.js';

/** Moving a visit needs the open-slot search; until then a person does it. */
export default defineIntent({
  id: 'appointment_reschedule',
  utterances,
  async fulfil() {
    return { kind: 'handoff', reason: 'appointment_change' };
  },
});
