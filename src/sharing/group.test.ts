import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import sodium from 'sodium-native';
import { IntegrityError } from '../errors.ts';
import { blindGroupElements, hashToGroup, randomScalar } from './group.ts';

function uniformInputs(count: number): Uint8Array {
  const bytes = new Uint8Array(count * 32);
  for (let index = 0; index < count; index++) bytes.set(createHash('sha256').update(`key-${index}`).digest(), index * 32);
  return bytes;
}

describe('the PSI group', () => {
  it('maps Elligator 2 points to the same Montgomery u-coordinate as an independent implementation', () => {
    const uniform = uniformInputs(50);
    const batched = hashToGroup(uniform);
    for (let index = 0; index < 50; index++) {
      const edwards = new Uint8Array(32);
      sodium.crypto_core_ed25519_from_uniform(edwards, uniform.subarray(index * 32, index * 32 + 32));
      assert.deepEqual(batched.subarray(index * 32, index * 32 + 32), ed25519.utils.toMontgomery(edwards));
    }
  });

  it('blinding commutes: [a][b]H(x) = [b][a]H(x), and matches an independent X25519', () => {
    const points = hashToGroup(uniformInputs(20));
    const a = randomScalar();
    const b = randomScalar();
    assert.deepEqual(blindGroupElements(blindGroupElements(points, a), b), blindGroupElements(blindGroupElements(points, b), a));
    assert.deepEqual(blindGroupElements(points.subarray(0, 32), a), x25519.getSharedSecret(a, points.subarray(0, 32)));
  });

  it('gives different elements for different inputs and scalars', () => {
    const points = hashToGroup(uniformInputs(200));
    const seen = new Set<string>();
    for (let index = 0; index < 200; index++) seen.add(Buffer.from(points.subarray(index * 32, index * 32 + 32)).toString('hex'));
    assert.equal(seen.size, 200);
    assert.notDeepEqual(blindGroupElements(points, randomScalar()), blindGroupElements(points, randomScalar()));
  });

  it('refuses a small-order element sent by a peer', () => {
    const smallOrder = new Uint8Array(32); // u = 0 is a point of order 2
    assert.throws(() => blindGroupElements(smallOrder, randomScalar()), IntegrityError);
    assert.throws(() => blindGroupElements(randomBytes(33), randomScalar()), IntegrityError);
  });
});
