import type { Conversation } from '../../core/domain/conversation.js';
import type { ReportSource } from '../../core/report/build-report.js';
import { DynamoConversationRepository } from './conversation-repository.js';
import { scanAll, type DocumentClient } from './document-client.js';

/**
 * The report's reads: one filtered Scan for the conversation (META) items active in the
 * range, then a Query per conversation for its transcript. The Scan reads the whole
 * Conversations table once (docs/operations.md has the cost); no index is needed.
 */
export class DynamoReportSource implements ReportSource {
  private readonly conversations: DynamoConversationRepository;

  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
  ) {
    this.conversations = new DynamoConversationRepository(client, tableName);
  }

  async listConversationsActiveBetween(since: string, until: string): Promise<Conversation[]> {
    const items = await scanAll(this.client, {
      TableName: this.tableName,
      FilterExpression: 'sk = :meta AND updatedAt >= :since AND createdAt < :until',
      ExpressionAttributeValues: { ':meta': 'META', ':since': since, ':until': until },
    });
    return items.map(({ pk: _pk, sk: _sk, queuePk: _qp, queueSk: _qs, ...conversation }) => conversation as unknown as Conversation);
  }

  listMessages(conversationId: string) {
    return this.conversations.listMessages(conversationId);
  }
}
