/** One line of the `npm run bench` table. */
export interface BenchRow {
  /** What was measured, e.g. "classify throughput". */
  name: string;
  /** The measured figure with its unit, e.g. "12,400 texts/s". */
  value: string;
  /** The budget or goal it is held to, e.g. "≥ 5,000 texts/s"; empty when none. */
  budget: string;
  /** Whether the figure meets the budget; undefined when there is no budget. */
  ok?: boolean;
  /** The command that reproduces this row alone. */
  command: string;
}

/** A benchmark section: `bench/<name>.bench.ts` default-exports one. */
export interface BenchSection {
  title: string;
  run(): Promise<BenchRow[]>;
}
