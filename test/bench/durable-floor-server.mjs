// The floor of a durable webhook server in Node, for bench (e): what the kill -9 guarantee alone
// costs, with no playbook engine. Each POST body is read and parsed, one record (the event and
// three node records, the size Ply writes for the "local" playbook) is sealed with AES-256-GCM,
// inserted into an `executions` table shaped and indexed like Ply's (SQLite WAL, synchronous
// NORMAL), committed with the other requests of the same event-loop turn (setImmediate), and
// only then answered 202. Checkpoints as Ply's store makes them (runtime/src/store/sql/wal-checkpointer.ts):
// every 1,000 rows, the WAL synced on the thread pool first. Run as `node durable-floor-server.mjs <better-sqlite3 entry file> <port> <db file>`.
import { createCipheriv, randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

// better-sqlite3 from the runtime's dependencies (this folder has none of its own).
const { default: Database } = await import(pathToFileURL(process.argv[2]).href);

const db = new Database(process.argv[4]);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
db.pragma('wal_autocheckpoint = 0');
db.exec(`
  CREATE TABLE playbooks (id TEXT PRIMARY KEY);
  INSERT INTO playbooks VALUES ('floor');
  CREATE TABLE executions (
    id TEXT PRIMARY KEY, playbook_id TEXT NOT NULL REFERENCES playbooks (id) ON DELETE CASCADE, playbook_version INTEGER NOT NULL,
    status TEXT NOT NULL, trigger_event TEXT, error TEXT, created_at INTEGER NOT NULL, started_at INTEGER, finished_at INTEGER, nodes TEXT
  );
  CREATE INDEX executions_by_playbook ON executions (playbook_id, created_at);
`);
const insert = db.prepare('INSERT INTO executions VALUES (?, ?, 1, ?, ?, NULL, ?, ?, ?, NULL)');
const commit = db.transaction((rows) => {
  for (const row of rows) insert.run(row);
});
const key = randomBytes(32);

function seal(text, owner) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(owner));
  const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
}

let rows = 0;
let checkpointing = false;
async function checkpoint() {
  const wal = await open(`${process.argv[4]}-wal`, 'r');
  await wal.datasync();
  await wal.close();
  db.pragma('wal_checkpoint(PASSIVE)');
  checkpointing = false;
}

let sequence = 0;
let batch = [];
function commitBatch() {
  const answered = batch;
  batch = [];
  commit(answered.map((entry) => entry.row));
  rows += answered.length;
  if (rows >= 1000 && !checkpointing) {
    rows = 0;
    checkpointing = true;
    void checkpoint();
  }
  for (const { response, body } of answered) {
    response.writeHead(202, { 'content-type': 'application/json', 'content-length': body.length });
    response.end(body);
  }
}

createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const now = Date.now();
    const id = `${now.toString(16)}-${(sequence++).toString(16).padStart(12, '0')}`;
    const node = (seq, nodeId, results) => JSON.stringify({ seq, nodeId, kind: 'store', attempt: 1, status: 'succeeded', startedAt: now, finishedAt: now, results });
    const trigger = JSON.stringify(event);
    const nodes = `[${node(1, 'note', { set: { alert: event.alert, score: String(event.score) } })},${node(2, 'urgent', { branch: 'high' })},${node(3, 'remember', { append: { seen: event.alert } })}]`;
    batch.push({ response, body: `{"executionId":"${id}"}`, row: [id, 'floor', 'succeeded', seal(`\u001e${trigger.length}\u001e${trigger}${nodes}`, id), now, now, now] });
    if (batch.length === 1) setImmediate(commitBatch);
  });
}).listen(Number(process.argv[3]), '127.0.0.1', () => process.stdout.write('ready'));

process.on('SIGTERM', () => {
  db.close();
  process.exit(0);
});
