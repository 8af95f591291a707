import { describe, expect, it } from "vitest";
import {
  countsStudy,
  coverageStudy,
  drawBetaPassRates,
  logSpacedKs,
  parseSampleCounts,
} from "../../../src/phenomena/inference-scaling/index.ts";
import { seededUniform } from "../../../src/metrics/index.ts";

describe("parseSampleCounts", () => {
  it("reads a CSV by its header, in any column order, ignoring other columns and blank lines", () => {
    const text = "problem,samples,correct\r\np1,100,3\n\np2,100,0\np3,80,80\n";
    expect(parseSampleCounts(text, "counts.csv")).toEqual([
      { n: 100, c: 3 },
      { n: 100, c: 0 },
      { n: 80, c: 80 },
    ]);
  });

  it("reads quoted CSV fields (commas and line breaks inside quotes) and TSV", () => {
    const text =
      'problem,correct,samples\n"add(a, b)",2,10\n"two\nlines, here",0,10\n"x ""q""",10,10\n';
    expect(parseSampleCounts(text, "q.csv")).toEqual([
      { n: 10, c: 2 },
      { n: 10, c: 0 },
      { n: 10, c: 10 },
    ]);
    // The row after a two-line field starts on line 4.
    expect(() =>
      parseSampleCounts('problem,correct,samples\n"a\nb",1,2\nc,3,2\n', "q.csv"),
    ).toThrow('q.csv line 4 field "correct": 3 correct of 2 samples');
    expect(parseSampleCounts("problem\tsamples\tcorrect\np, 1\t5\t1\n", "s.tsv")).toEqual([
      { n: 5, c: 1 },
    ]);
  });

  it("reads JSON Lines with counts or with one boolean per sample", () => {
    const text = '{"correct": 2, "samples": 5}\n{"is_corrects": [false, true, true, false]}\n';
    expect(parseSampleCounts(text, "s.jsonl")).toEqual([
      { n: 5, c: 2 },
      { n: 4, c: 2 },
    ]);
  });

  it("reads a JSON array of the same records", () => {
    expect(parseSampleCounts('[{"correct": "1", "samples": 3}]', "s.json")).toEqual([
      { n: 3, c: 1 },
    ]);
  });

  it("names the file, the line and the field of bad input, and what was expected", () => {
    expect(() => parseSampleCounts("id,right,total\n1,2,3\n", "a.csv")).toThrow(
      /^a\.csv line 1: the header is "id,right,total" \(expected a CSV header with the columns "correct" and "samples"/,
    );
    expect(() => parseSampleCounts("correct,samples\n1,10\nx,10\n", "a.csv")).toThrow(
      'a.csv line 3 field "correct": is "x" (expected an integer ≥ 0)',
    );
    expect(() => parseSampleCounts("correct,samples\n11,10\n", "a.csv")).toThrow(
      'a.csv line 2 field "correct": 11 correct of 10 samples (expected at most "samples" (10))',
    );
    expect(() => parseSampleCounts('{"correct": 1}\n', "b.jsonl")).toThrow(
      'b.jsonl line 1 field "samples": is missing (expected an integer ≥ 1)',
    );
    expect(() => parseSampleCounts('{"correct": 1, "samples": 2}\n{oops\n', "b.jsonl")).toThrow(
      /^b\.jsonl line 2: not JSON/,
    );
    expect(() => parseSampleCounts('{"is_corrects": [1, 0]}', "b.jsonl")).toThrow(
      'b.jsonl line 1 field "is_corrects": is not a list of true/false (expected one boolean per sample)',
    );
    expect(() => parseSampleCounts('[{"correct": 1, "samples": 2}, 7]', "c.json")).toThrow(
      "c.json [1]: the record is 7 (expected an object)",
    );
    expect(() => parseSampleCounts("correct,samples\n", "d.csv")).toThrow(
      "d.csv: no problems in the file (expected one record per problem)",
    );
  });
});

describe("countsStudy", () => {
  it("gives on counts read from a file what coverageStudy gives on the same draws", () => {
    const ps = drawBetaPassRates(300, 0.3, 2, seededUniform(8));
    const ks = logSpacedKs(40, 1000);
    const drawn = coverageStudy(ps, { samplesPerProblem: 1000, ks, uniform: seededUniform(9) });
    const csv = [
      "problem,correct,samples",
      ...drawn.samples.map((s, i) => `${i},${s.c},${s.n}`),
    ].join("\n");
    const read = countsStudy(parseSampleCounts(csv, "drawn.csv"));
    // Default ks: 40 log-spaced values up to the fewest samples (1,000 here) — the same ks.
    expect(read.coverage).toEqual(drawn.coverage);
    expect(read.law.a).toBe(drawn.law.a);
    expect(read.law.b).toBe(drawn.law.b);
    expect(read.miss).toEqual(drawn.miss);
    expect(read.shortMiss).toEqual(drawn.shortMiss);
    expect(read.linearisedMiss).toEqual(drawn.linearisedMiss);
  });

  it("stops k at the fewest samples any problem has", () => {
    const samples = [
      { n: 50, c: 1 },
      { n: 500, c: 0 },
      { n: 500, c: 20 },
    ];
    const study = countsStudy(samples);
    expect(study.coverage.at(-1)!.k).toBe(50);
    expect(study.coverage[0]!.coverage).toBeCloseTo((1 / 50 + 0 + 20 / 500) / 3, 12);
    expect(() => countsStudy([])).toThrow("countsStudy.samples: no problems");
    expect(() => countsStudy([{ n: 1, c: 0 }])).toThrow("≥ 2 samples per problem");
  });
});
