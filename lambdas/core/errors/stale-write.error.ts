/** Someone else saved the record since it was read: reload and decide again. */
export class StaleWriteError extends Error {
  override readonly name = 'StaleWriteError';
  constructor(what: string) {
    super(`${what} was changed by another writer`);
  }
}
