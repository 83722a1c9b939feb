/** An import record that is well-formed but cannot be stored (it names a missing customer, say). */
export class RecordRejectedError extends Error {
  override readonly name = 'RecordRejectedError';
}
