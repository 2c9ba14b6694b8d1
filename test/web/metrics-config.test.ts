// The metrics settings as src/config.ts reads them: on 127.0.0.1:9464 by default, `off`, and no listener on an
// address others can reach without a token.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const TOKEN = 'a-long-enough-scrape-token';

describe('metrics settings', () => {
  it('listen on 127.0.0.1:9464 without a token by default', () => {
    expect(loadConfig({}).metrics).toEqual({ port: 9464, host: '127.0.0.1', token: undefined });
  });

  it('read every setting, and `off` turns the listener off', () => {
    expect(loadConfig({ METRICS_PORT: '0', METRICS_HOST: '10.0.0.5', METRICS_TOKEN: TOKEN }).metrics).toEqual({ port: 0, host: '10.0.0.5', token: TOKEN });
    expect(loadConfig({ METRICS_PORT: 'OFF' }).metrics.port).toBeUndefined();
  });

  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])('accept the loopback address %s without a token', (host) => {
    // Brackets (as in a URL) are dropped: the listener binds the bare address.
    expect(loadConfig({ METRICS_HOST: host }).metrics.host).toBe(host.replace(/^\[(.*)\]$/, '$1'));
  });

  it.each(['0.0.0.0', '::', '10.0.0.5', 'metrics.internal', '128.0.0.1'])('refuse %s without METRICS_TOKEN, naming the setting and not the value of any secret', (host) => {
    const err = (() => {
      try {
        loadConfig({ METRICS_HOST: host, SLACK_SIGNING_SECRET: 'secret-value-123' });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('loadConfig accepted it');
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.problems).toEqual([expect.stringMatching(/^METRICS_HOST: is not a loopback address.*set METRICS_TOKEN/)]);
    expect(err.message).not.toContain('secret-value-123');
  });

  it('accept any address when the listener is off or a token is set', () => {
    expect(loadConfig({ METRICS_HOST: '0.0.0.0', METRICS_PORT: 'off' }).metrics.port).toBeUndefined();
    expect(loadConfig({ METRICS_HOST: '0.0.0.0', METRICS_TOKEN: TOKEN }).metrics.host).toBe('0.0.0.0');
  });

  it.each([
    [{ METRICS_PORT: '70000' }, /METRICS_PORT: a port number \(0 to 65535\) or off/],
    [{ METRICS_PORT: 'auto' }, /METRICS_PORT: a port number/],
    [{ METRICS_PORT: '-1' }, /METRICS_PORT: a port number/],
    [{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN: looks too short/],
  ])('refuse %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
