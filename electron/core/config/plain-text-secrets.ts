/**
 * `hookscope doctor`'s config check: secrets written in the config file as plain text (not `env:NAME`,
 * not sealed by the app). Each warning names the file and the key path, never the value.
 */
import type { HookscopeConfig } from '../../../shared/config';
import { secretKind, secretRefs } from './secret-ref';

export function plainTextSecretWarnings(cfg: HookscopeConfig, file: string): string[] {
  return secretRefs(cfg)
    .filter((r) => secretKind(r.ref) === 'literal')
    .map((r) => {
      const what = r.path === 'tunnel.authtoken' ? 'the ngrok authtoken' : 'a secret';
      return (
        `${file}: ${r.path} holds ${what} in plain text (it ends up in backups and repositories): ` +
        `put it in an environment variable and write "env:NAME" there, or remove it and paste it in Settings (stored sealed with the data key)`
      );
    });
}
