import type { IntentDefinition } from '../../../intents/intent.js';
import type { ComplianceIntent } from '../nlu/classification.js';
import type { OpeningHours } from '../time/business-hours.js';
import type { ScheduleService } from '../schedule/schedule-service.js';
import type {
  Clock,
  ConversationRepository,
  DirectoryRepository,
  EventPublisher,
  IdGenerator,
  InboundReads,
  IntentClassifier,
  TravelTimeEstimator,
} from '../ports.js';

export interface ConversationSettings {
  timeZone: string;
  companyName: string;
  helpText?: string;
  locationMaxAgeMinutes: number;
  dialogueExpiryMinutes: number;
  businessHours: OpeningHours;
  /** Minutes an agent spends per chat, for the expected wait told to customers. */
  averageHandleMinutes: number;
  /** Inbound texts per minute from one number above which the bot stops answering (loop guard). */
  loopGuardPerMinute: number;
}

/** Everything the conversation core needs from the world, wired by a composition root. */
export interface ConversationDeps {
  conversations: ConversationRepository;
  /** The first reads of a text, batched across both tables. */
  inboundReads: InboundReads;
  events: EventPublisher;
  directory: DirectoryRepository;
  classifier: IntentClassifier;
  detectComplianceKeyword: (text: string) => ComplianceIntent | null;
  intents: ReadonlyMap<string, IntentDefinition>;
  travel: TravelTimeEstimator;
  schedule: ScheduleService;
  clock: Clock;
  ids: IdGenerator;
  sleep: (ms: number) => Promise<void>;
  settings: ConversationSettings;
}
