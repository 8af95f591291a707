// Public surface of src/phenomena/downstream-elusive, re-exported by src/index.ts.
export {
  simulateChain,
  summariseChain,
  CHAIN_STAGES,
  type ChainOptions,
  type ChainFamily,
  type ChainStage,
  type StageSummary,
  type Correlation,
} from "./simulation.ts";
