/**
 * "Copy as cURL / fetch / HTTPie": the replay request as a command the dev server accepts, built at copy
 * time exactly as replayDelivery would send it (re-signed with a fresh timestamp unless mode "original").
 * The command carries the computed signature only, never the secret. It does carry the raw body and
 * headers (that is what makes it run), so the copy is audited like a reveal.
 */
import { HookscopeError } from '../../../shared/result';
import { prepareReplay, type ReplayArgs, type ReplayDeps } from './replay';
import { curlCommand, fetchSnippet, httpieCommand } from './command-text';

export type CommandFormat = 'curl' | 'fetch' | 'httpie' | 'json';
export const COMMAND_FORMATS: readonly CommandFormat[] = ['curl', 'fetch', 'httpie', 'json'];

/** set by the client from the URL and the body; sending them by hand would only conflict */
const LEFT_TO_THE_CLIENT = new Set(['host', 'content-length']);

export async function copyReplayCommand(
  deps: Omit<ReplayDeps, 'sender'>,
  args: ReplayArgs & { format: CommandFormat },
): Promise<{ text: string; mode: 'original' | 'resign' }> {
  if (!COMMAND_FORMATS.includes(args.format)) {
    throw new HookscopeError('invalid_argument', `format: must be one of ${COMMAND_FORMATS.join(', ')}`);
  }
  const { target, prepared } = await prepareReplay(deps, args);
  const text = new TextDecoder('utf-8', { fatal: true });
  let body: string;
  try {
    body = text.decode(prepared.body);
  } catch {
    throw new HookscopeError('binary_body', 'The body is not UTF-8 text, so no shell command can carry it exactly: use Replay instead');
  }
  if (args.format === 'curl' && body.includes('\u0000')) {
    throw new HookscopeError('binary_body', 'The body contains NUL bytes, which a shell argument cannot carry: use Replay or copy as fetch');
  }
  const url = `${target.url.origin}${prepared.path}`;
  const headers = prepared.headers.filter(([name]) => !LEFT_TO_THE_CLIENT.has(name.toLowerCase()));
  await deps.store.audit('copy_command', args.id, { format: args.format, mode: prepared.mode, target: target.url.host, secret: prepared.secretLabel });
  if (args.format === 'json') return { text: `${JSON.stringify({ method: prepared.method, url, headers, body })}\n`, mode: prepared.mode };
  const command = args.format === 'curl'
      ? curlCommand(prepared.method, url, headers, body)
      : args.format === 'fetch'
        ? fetchSnippet(prepared.method, url, headers, body)
        : httpieCommand(prepared.method, url, headers, body);
  return { text: `${command}\n`, mode: prepared.mode };
}
