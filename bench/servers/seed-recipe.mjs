// The seeds' own recipe (seed 002): Express + raw-body HMAC-SHA256 + timing-safe compare +
// one SQLite insert per request. Same SQLite settings as Hookscope (WAL) for a fair comparison.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import Database from 'better-sqlite3';

const secret = process.env.BENCH_SECRET;
const dir = mkdtempSync(join(tmpdir(), 'hookscope-seed-recipe-'));
const db = new Database(join(dir, 'seed.db'));
db.pragma('journal_mode = WAL');
db.exec('CREATE TABLE processed_webhooks (id TEXT PRIMARY KEY, event_type TEXT NOT NULL, payload TEXT, processed_at INTEGER)');
const insert = db.prepare('INSERT OR IGNORE INTO processed_webhooks (id, event_type, payload, processed_at) VALUES (?, ?, ?, ?)');

const app = express();
app.use(express.json({ verify: (req, _res, buf) => { req.rawBody = buf; } }));
app.post('/webhooks/blackbox', (req, res) => {
  const received = req.headers['x-blackbox-signature'];
  if (!received) return res.status(401).json({ error: 'Unauthorized' });
  const computed = createHmac('sha256', secret).update(req.rawBody).digest('hex');
  const a = Buffer.from(String(received), 'hex');
  const b = Buffer.from(computed, 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) return res.status(401).json({ error: 'Unauthorized' });
  const age = (Date.now() - new Date(req.body.timestamp).getTime()) / 1000;
  if (Math.abs(age) > 300) return res.status(401).json({ error: 'Webhook timestamp invalid or expired' });
  insert.run(req.body.eventId, req.body.event, req.rawBody.toString('utf8'), Date.now());
  res.status(200).json({ success: true });
});
const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.on('SIGTERM', () => server.close(() => { db.close(); rmSync(dir, { recursive: true, force: true }); process.exit(0); }));
