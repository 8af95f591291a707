// Published parameters of the Chinchilla law L(N, D) = E + A/N^α + B/D^β, as printed.
// Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models", eq. 10 (Approach 3).
// Besiroglu, Erdil, Barnett, You 2024, "Chinchilla Scaling: A replication attempt", Table 1
// (their re-fit of the same form on data reconstructed from Hoffmann's Fig. 4).
export interface ChinchillaLaw {
  E: number;
  A: number;
  B: number;
  alpha: number;
  beta: number;
  source: string;
}

/** Chinchilla law parameters of Hoffmann et al. 2022, eq. 10 (Approach 3): E 1.69, A 406.4, B 410.7, α 0.34, β 0.28. */
export const hoffmann2022: ChinchillaLaw = {
  E: 1.69,
  A: 406.4,
  B: 410.7,
  alpha: 0.34,
  beta: 0.28,
  source: "Hoffmann et al. 2022, eq. 10",
};

/** Besiroglu et al. 2024's re-fit of the Chinchilla law (Table 1): E 1.8169, A 482.01, B 2085.43, α 0.3478, β 0.3658. */
export const besiroglu2024: ChinchillaLaw = {
  E: 1.8169,
  A: 482.01,
  B: 2085.43,
  alpha: 0.3478,
  beta: 0.3658,
  source: "Besiroglu et al. 2024, Table 1 (Epoch AI replication)",
};

/** Chinchilla 70B trained on 1.4T tokens: C ≈ 6ND = 5.88e23 FLOP (Hoffmann et al. 2022, Table 1 quotes 5.76e23 for Gopher's budget). */
export const chinchillaRun = { N: 70e9, D: 1.4e12, C: 5.76e23 };
