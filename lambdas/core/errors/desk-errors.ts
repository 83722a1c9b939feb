/** The chat does not exist. */
export class ChatNotFoundError extends Error {
  override readonly name = 'ChatNotFoundError';
  constructor(id: string) {
    super(`No conversation ${id}`);
  }
}

export type ChatConflictCode =
  | 'held_by_another_agent'
  | 'not_your_chat'
  | 'chat_closed'
  | 'not_waiting'
  | 'too_many_chats'
  | 'opted_out'
  | 'whatsapp_window_closed';

/** The action does not fit the chat's current state; `code` says why, for the console. */
export class ChatConflictError extends Error {
  override readonly name = 'ChatConflictError';
  constructor(
    readonly code: ChatConflictCode,
    message: string,
  ) {
    super(message);
  }
}
