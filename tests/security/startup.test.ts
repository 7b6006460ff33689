// What the server does when it starts (instrumentation.ts): a bad ENCRYPTION_KEY stops it with advice, and a fresh
// instance prints the first-run setup code and writes it under the data directory.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('@/lib/auth/accounts', () => ({ isFirstRun: vi.fn(async () => true) }));

import { isFirstRun } from '@/lib/auth/accounts';
import { removeSetupCode, setupCodePath } from '@/lib/auth/setup-code';
import { announceSetupCode, checkStartupConfiguration } from '@/lib/startup';

afterEach(() => {
  vi.restoreAllMocks();
  removeSetupCode();
});

describe('server start', () => {
  it('refuses to start with an ENCRYPTION_KEY that is not 32 random bytes, saying how to make one', () => {
    const saved = process.env.ENCRYPTION_KEY;
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      process.env.ENCRYPTION_KEY = 'change-me';
      checkStartupConfiguration();
      expect(exit).toHaveBeenCalledWith(1);
      expect(error.mock.calls.flat().join(' ')).toContain('openssl rand -base64 32');
      exit.mockClear();
      process.env.ENCRYPTION_KEY = saved;
      checkStartupConfiguration();
      expect(exit).not.toHaveBeenCalled();
    } finally {
      process.env.ENCRYPTION_KEY = saved;
    }
  });

  it('on a fresh instance prints the setup code and writes it under ROSTER_DATA_DIR (mode 600); afterwards prints nothing', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await announceSetupCode();
    const code = readFileSync(setupCodePath(), 'utf8').trim();
    expect(setupCodePath().startsWith(process.env.ROSTER_DATA_DIR!)).toBe(true);
    expect(statSync(setupCodePath()).mode & 0o777).toBe(0o600);
    expect(log.mock.calls.flat().join('\n')).toContain(code);
    removeSetupCode();
    log.mockClear();
    vi.mocked(isFirstRun).mockResolvedValueOnce(false);
    await announceSetupCode();
    expect(log).not.toHaveBeenCalled();
    expect(existsSync(setupCodePath())).toBe(false);
  });
});
