// Public surface of src/phenomena/ghosts-of-softmax (Sao 2026), re-exported by src/index.ts.
export {
  GhostsError,
  spread,
  radiusBound,
  binaryRadius,
  logPartitionTaylor,
  taylorRadius,
  measuredRadius,
  type RadiusOptions,
} from "./radius.ts";
export { blobs, type Blobs, type BlobOptions } from "./blobs.ts";
export {
  linearClassifier,
  tanhClassifier,
  mlpLnClassifier,
  transformerClassifier,
  type Classifier,
} from "./models.ts";
export { directionalDerivatives, batchRadiusBound, type Direction } from "./directional.ts";
export {
  trainClassifier,
  gradientDirection,
  randomDirection,
  stepSweep,
  collapseOnset,
  lossOnset,
  logGrid,
  type Sweep,
  type SweepPoint,
} from "./sweep.ts";
export { spikeRun, type SpikeRun, type SpikeOptions, type SpikeTreatment } from "./spike.ts";
