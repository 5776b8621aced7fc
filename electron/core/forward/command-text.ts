/** One request as a cURL command, a fetch() call or an HTTPie command (text only; nothing is run). */
import { shellQuote } from './shell-quote';

export function curlCommand(method: string, url: string, headers: Array<[string, string]>, body: string): string {
  const parts = [`curl -X ${shellQuote(method)} ${shellQuote(url)}`];
  // curl reads "-H @file" from a file; a real header name never starts with @
  for (const [name, value] of headers) if (!name.startsWith('@')) parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  // --data-raw: unlike --data-binary, a body starting with @ is not read as a file name
  if (body.length > 0) parts.push(`--data-raw ${shellQuote(body)}`);
  return parts.join(' \\\n  ');
}

export function fetchSnippet(method: string, url: string, headers: Array<[string, string]>, body: string): string {
  const init = [`  method: ${JSON.stringify(method)},`, `  headers: [\n${headers.map(([n, v]) => `    [${JSON.stringify(n)}, ${JSON.stringify(v)}],`).join('\n')}\n  ],`];
  if (body.length > 0) init.push(`  body: ${JSON.stringify(body)},`);
  return `await fetch(${JSON.stringify(url)}, {\n${init.join('\n')}\n});`;
}

export function httpieCommand(method: string, url: string, headers: Array<[string, string]>, body: string): string {
  // --raw sends the text as the body byte for byte (HTTPie 3); Name:value sets a header, "Name;" an empty one
  const parts = ['http --ignore-stdin'];
  if (body.length > 0) parts.push(`--raw ${shellQuote(body)}`);
  parts.push(shellQuote(method), shellQuote(url));
  for (const [name, value] of headers) parts.push(shellQuote(value === '' ? `${name};` : `${name}:${value}`));
  return parts.join(' \\\n  ');
}
