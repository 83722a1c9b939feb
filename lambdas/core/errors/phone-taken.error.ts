/** A phone number is already linked to another customer. */
export class PhoneTakenError extends Error {
  override readonly name = 'PhoneTakenError';
}
