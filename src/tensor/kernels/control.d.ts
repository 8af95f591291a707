export declare const CONTROL: {
  readonly seq: 0;
  readonly claim: 1;
  readonly finished: 2;
  readonly ready: 3;
  readonly fn: 4;
  readonly chunks: 5;
  readonly chunkRows: 6;
  readonly args: 7;
  readonly flags: 16;
};
