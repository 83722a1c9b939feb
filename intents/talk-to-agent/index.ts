import { defineIntent } from '../intent.js';
import { utterances } from './utterances.js';

/** The customer asks for a person. */
export default defineIntent({
  id: 'talk_to_agent',
  utterances,
  async fulfil() {
    return { kind: 'handoff', reason: 'talk_to_agent' };
  },
});
