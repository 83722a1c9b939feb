import type { IntentDefinition } from './intent.js';
import appointmentCancel from './appointment-cancel/index.js';
import appointmentReschedule from './appointment-reschedule/index.js';
import talkToAgent from './talk-to-agent/index.js';
import technicianEta from './technician-eta/index.js';

/** Every automatable intent, by id. Adding one is adding a folder here. */
export const intents: ReadonlyMap<string, IntentDefinition> = new Map(
  [technicianEta, appointmentCancel, appointmentReschedule, talkToAgent].map((intent) => [intent.id, intent]),
);
