import type { DocumentClient } from '../adapters/dynamodb/document-client.js';
import { randomUUID } from 'node:crypto';
import { intents } from '../../intents/index.js';
import { DynamoConversationRepository } from '../adapters/dynamodb/conversation-repository.js';
import { DynamoDirectoryRepository } from '../adapters/dynamodb/directory-repository.js';
import { DynamoInboundReads } from '../adapters/dynamodb/inbound-reads.js';
import type { ConversationDeps } from '../core/conversation/conversation-deps.js';
import { haversineTravelTime } from '../core/eta/travel-time.js';
import { createScheduleService } from '../core/schedule/schedule-service.js';
import { createIntentClassifier, detectComplianceKeyword } from '../core/nlu/index.js';
import type { EventPublisher } from '../core/ports.js';
import { systemClock, type Clock } from '../core/time/clock.js';
import type { CoreSettings, StoreSettings } from './config.js';

/**
 * The conversation core wired to DynamoDB: shared by the Lambda root, the local
 * server and the tests, which differ only in the client, the clock and the settings.
 */
export function conversationDeps(
  client: DocumentClient,
  settings: CoreSettings & StoreSettings,
  events: EventPublisher,
  clock: Clock = systemClock,
): ConversationDeps {
  const directory = new DynamoDirectoryRepository(client, settings.DIRECTORY_TABLE);
  return {
    conversations: new DynamoConversationRepository(client, settings.CONVERSATIONS_TABLE),
    inboundReads: new DynamoInboundReads(client, { directory: settings.DIRECTORY_TABLE, conversations: settings.CONVERSATIONS_TABLE }),
    events,
    directory,
    schedule: createScheduleService(directory, settings.BUSINESS_TIMEZONE, {
      windows: settings.SLOT_WINDOWS,
      capacityPerWindow: settings.SLOT_CAPACITY,
      daysAhead: settings.RESCHEDULE_DAYS_AHEAD,
    }),
    classifier: createIntentClassifier(),
    detectComplianceKeyword,
    intents,
    travel: haversineTravelTime({ roadFactor: settings.ETA_ROAD_FACTOR, averageSpeedKmh: settings.ETA_AVERAGE_SPEED_KMH }),
    clock,
    ids: { next: () => randomUUID() },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    settings: {
      timeZone: settings.BUSINESS_TIMEZONE,
      companyName: settings.COMPANY_NAME,
      helpText: settings.HELP_TEXT,
      locationMaxAgeMinutes: settings.LOCATION_MAX_AGE_MINUTES,
      dialogueExpiryMinutes: settings.DIALOGUE_EXPIRY_MINUTES,
      businessHours: settings.BUSINESS_HOURS,
      averageHandleMinutes: settings.AVERAGE_HANDLE_MINUTES,
      loopGuardPerMinute: settings.LOOP_GUARD_PER_MINUTE,
    },
  };
}
