/** A curl line that shows a first (unsigned, so failing) delivery for a source's URL. */
export function curlExample(url: string, signatureHeader: string | null, eventType = 'test.event'): string {
  const lines = [
    `curl -i -X POST '${url}'`,
    `  -H 'Content-Type: application/json'`,
  ];
  if (signatureHeader) lines.push(`  -H '${signatureHeader}: <signature>'`);
  lines.push(`  --data '{"event":"${eventType}","timestamp":"${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}","eventId":"evt_1","data":{}}'`);
  return lines.join(' \\\n');
}
