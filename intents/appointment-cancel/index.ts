import { defineIntent } from '../intent.js';
import { utterances } from './utterances.js';

/** Cancelling a visit by text needs an explicit confirmation flow; until then a person does it. */
export default defineIntent({
  id: 'appointment_cancel',
  utterances,
  async fulfil() {
    return { kind: 'handoff', reason: 'appointment_change' };
  },
});
