import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../errors.ts';
import { describeDatabase, loadConfig, redactUrl } from './index.ts';

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    assert.deepEqual(loadConfig({ env: {} }), { dataDirectory: './data', port: 8080, host: '127.0.0.1', logLevel: 'info' });
  });

  it('reads every variable, treats empty ones as unset, and lets flags win', () => {
    const config = loadConfig({
      env: { FRONTERA_DATA: '/var/lib/frontera', DATABASE_URL: 'postgres://app@db:5432/frontera', NATS_URL: 'nats://nats:4222', PORT: '9000', HOST: '0.0.0.0', LOG_LEVEL: '' },
      flags: { port: 9100, dataDirectory: undefined },
    });
    assert.deepEqual(config, { dataDirectory: '/var/lib/frontera', databaseUrl: 'postgres://app@db:5432/frontera', natsUrl: 'nats://nats:4222', port: 9100, host: '0.0.0.0', logLevel: 'info' });
    assert.ok(Object.isFrozen(config));
  });

  it('names the variable (or flag) that is wrong', () => {
    const failure = (input: Parameters<typeof loadConfig>[0]) => {
      try {
        loadConfig(input);
      } catch (error) {
        assert.ok(error instanceof ValidationError);
        return error.issues.map((issue) => issue.field);
      }
      assert.fail('expected a ValidationError');
    };
    assert.deepEqual(failure({ env: { PORT: 'eighty' } }), ['PORT']);
    assert.deepEqual(failure({ env: { PORT: '70000', DATABASE_URL: 'mysql://x/y' } }).sort(), ['DATABASE_URL', 'PORT']);
    assert.deepEqual(failure({ env: { LOG_LEVEL: 'loud' } }), ['LOG_LEVEL']);
    assert.deepEqual(failure({ env: { NATS_URL: 'http://nats' } }), ['NATS_URL']);
    assert.deepEqual(failure({ env: {}, flags: { databaseUrl: 'not a url' } }), ['--database-url']);
    assert.throws(() => loadConfig({ env: { PORT: 'x' } }), /invalid configuration \(PORT\)/);
  });

  it('accepts NATS host:port lists', () => {
    assert.equal(loadConfig({ env: { NATS_URL: 'nats://a:4222,nats://b:4222' } }).natsUrl, 'nats://a:4222,nats://b:4222');
    assert.equal(loadConfig({ env: { NATS_URL: '127.0.0.1:4222' } }).natsUrl, '127.0.0.1:4222');
  });
});

describe('redactUrl', () => {
  it('hides a password', () => {
    assert.equal(redactUrl('postgres://app:secret@db:5432/frontera'), 'postgres://app:***@db:5432/frontera');
    assert.equal(redactUrl('postgres://app@db/frontera'), 'postgres://app@db/frontera');
  });
});

describe('describeDatabase', () => {
  it('names the embedded folder or the server without its password', () => {
    assert.equal(describeDatabase({ dataDirectory: './data', databaseUrl: undefined }), 'PGlite ./data');
    assert.equal(describeDatabase({ dataDirectory: './data', databaseUrl: 'postgres://app:secret@db:5432/frontera' }), 'PostgreSQL postgres://app:***@db:5432/frontera');
  });
});
