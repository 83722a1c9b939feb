import type { IntentDefinition } from '../../../intents/intent.js';
import type { ComplianceIntent } from '../nlu/classification.js';
import type {
  Clock,
  ConversationRepository,
  DirectoryRepository,
  IdGenerator,
  IntentClassifier,
  TravelTimeEstimator,
} from '../ports.js';

export interface ConversationSettings {
  timeZone: string;
  companyName: string;
  helpText?: string;
  locationMaxAgeMinutes: number;
  dialogueExpiryMinutes: number;
}

/** Everything the conversation core needs from the world, wired by a composition root. */
export interface ConversationDeps {
  conversations: ConversationRepository;
  directory: DirectoryRepository;
  classifier: IntentClassifier;
  detectComplianceKeyword: (text: string) => ComplianceIntent | null;
  intents: ReadonlyMap<string, IntentDefinition>;
  travel: TravelTimeEstimator;
  clock: Clock;
  ids: IdGenerator;
  sleep: (ms: number) => Promise<void>;
  settings: ConversationSettings;
}
