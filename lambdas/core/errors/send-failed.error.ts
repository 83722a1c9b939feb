/** The provider refused or failed a send. `transient` says whether retrying can help. */
export class SendFailedError extends Error {
  override readonly name = 'SendFailedError';
  constructor(
    readonly code: string,
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
  }
}
