/** Every regular file below a directory (for "no plaintext on disk" checks). */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    const st = statSync(full);
    return st.isDirectory() ? filesUnder(full) : st.isFile() ? [full] : [];
  });
}
