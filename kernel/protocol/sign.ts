// HMAC signing of the four JSON frames (messaging spec 5.3, "The Wire Protocol"): the hex
// digest of HMAC(key, header | parent_header | metadata | content). Buffers are not signed —
// jupyter_client's Session.sign covers exactly those four frames, and we must agree with it.
// An empty key disables signing: the signature frame is empty and is not checked.
import { createHmac, getHashes, timingSafeEqual } from "node:crypto";

export interface Signer {
  /** Hex digest for the four frames, or "" when signing is disabled. */
  sign(frames: readonly Uint8Array[]): string;
  /** True when `signature` is the right digest (always true when signing is disabled). */
  verify(signature: Uint8Array, frames: readonly Uint8Array[]): boolean;
  readonly enabled: boolean;
}

/** "hmac-<digest>" → the node:crypto digest name, for the digests this Node supports. */
function digestOf(signature_scheme: string): string | undefined {
  const match = /^hmac-([a-z0-9-]+)$/i.exec(signature_scheme);
  const digest = match?.[1]?.toLowerCase();
  return digest !== undefined && getHashes().includes(digest) ? digest : undefined;
}

export function createSigner(key: string, signature_scheme = "hmac-sha256"): Signer {
  const algorithm = digestOf(signature_scheme);
  if (algorithm === undefined) {
    throw new Error(
      `connection file: signature_scheme "${signature_scheme}" is not supported; expected "hmac-<digest>" such as hmac-sha256`,
    );
  }
  const enabled = key !== "";
  const sign = (frames: readonly Uint8Array[]): string => {
    if (!enabled) return "";
    const hmac = createHmac(algorithm, key);
    for (const frame of frames) hmac.update(frame);
    return hmac.digest("hex");
  };
  return {
    enabled,
    sign,
    verify(signature, frames) {
      if (!enabled) return true;
      const expected = Buffer.from(sign(frames), "ascii");
      const given = Buffer.from(signature);
      // Compare in constant time so a forger learns nothing from response timing.
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
