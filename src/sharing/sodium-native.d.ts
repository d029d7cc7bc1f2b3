// The few libsodium bindings Frontera's private set intersection uses (the package ships no types).
declare module 'sodium-native' {
  const sodium: {
    /** Elligator 2 onto edwards25519 with the cofactor cleared: a point of the prime-order group. */
    crypto_core_ed25519_from_uniform(point: Uint8Array, uniform: Uint8Array): void;
    /** X25519: the u-coordinate of [clamp(scalar)]·point; throws when the result is the identity. */
    crypto_scalarmult(result: Uint8Array, scalar: Uint8Array, point: Uint8Array): void;
    randombytes_buf(buffer: Uint8Array): void;
  };
  export default sodium;
}
