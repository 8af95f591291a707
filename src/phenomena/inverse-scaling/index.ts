// Public surface of src/phenomena/inverse-scaling, re-exported by src/index.ts.
export {
  buildQuoteCorpus,
  type QuoteCorpus,
  type QuoteCorpusOptions,
  type Quote,
  type Pattern,
} from "./corpus.ts";
export { WittenBellFamily } from "./ngram.ts";
export { scoreOrder, scoreFamily, scoreTasks, type FamilyPoint } from "./tasks.ts";
export { InverseScalingError } from "./errors.ts";
