export interface FulfilmentContext {}
export type FulfilmentResult = { kind: 'reply'; text: string };
