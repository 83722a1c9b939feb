import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * Key schema of the two tables, the single source for the local store's CreateTable.
 * The CDK stack declares the same keys (checked by test/cdk).
 *
 * Directory (customers, phone links, technicians, appointments):
 *   CUSTOMER#<id> / PROFILE          customer
 *   PHONE#<e164>  / PHONE            phone → customer link (GetItem per inbound text)
 *   TECH#<id>     / PROFILE          technician with last location
 *   APPT#<id>     / APPT             appointment
 *     byCustomer: CUSTOMER#<id> / APPT#<date>#<id>        a customer's visits
 *     byRoute:    ROUTE#<techId>#<date> / <sequence>#<id> a technician's route for a day
 *
 * Conversations (threads, conversations, transcripts, idempotency):
 *   THREAD#<channel>:<e164> / THREAD  opt-out and the open conversation of a number
 *   CONV#<id> / META                  conversation state (version-checked writes)
 *   CONV#<id> / MSG#<at>#<sid>        transcript, in time order
 *   INBOUND#<MessageSid> / INBOUND    claim and stored reply of an inbound text (TTL)
 *     byQueue: QUEUE#<status> / <priority>#<since>#<id>  the agents' queue
 */
export const DIRECTORY_INDEXES = { byCustomer: ['gsi1pk', 'gsi1sk'], byRoute: ['gsi2pk', 'gsi2sk'] } as const;
export const CONVERSATION_INDEXES = { byQueue: ['queuePk', 'queueSk'] } as const;

type Indexes = Record<string, readonly [string, string]>;

function tableDefinition(tableName: string, indexes: Indexes): CreateTableCommandInput {
  const indexKeys = Object.values(indexes).flat();
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: ['pk', 'sk', ...indexKeys].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: Object.entries(indexes).map(([IndexName, [hash, range]]) => ({
      IndexName,
      KeySchema: [
        { AttributeName: hash, KeyType: 'HASH' },
        { AttributeName: range, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}

export function directoryTable(tableName: string): CreateTableCommandInput {
  return tableDefinition(tableName, DIRECTORY_INDEXES);
}

export function conversationsTable(tableName: string): CreateTableCommandInput {
  return tableDefinition(tableName, CONVERSATION_INDEXES);
}
