// Node's `http` as a peer for bench/compare.sh: reads the whole body, checks the secret header, parses
// the JSON (what any Node webhook handler does with it), answers 200 `null`.
//   PORT=18082 WEBHOOK_SECRET=s3cret node bench/peers/node_http.js
const http = require('http');

const secret = process.env.WEBHOOK_SECRET || 's3cret';
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const reply = (status, body) => {
      res.writeHead(status, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body)});
      res.end(body);
    };
    if (req.method !== 'POST' || req.url !== '/webhooks/trigger_training') return reply(404, '{"detail":"Not Found"}');
    if (req.headers['x-webhook-secret'] !== secret) return reply(403, '{"error":"Invalid webhook secret."}');
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (e) {
      return reply(400, '{"error":"Invalid JSON."}');
    }
    reply(200, 'null');
  });
});
server.keepAliveTimeout = 75000;
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  console.log(`Node http listening on http://127.0.0.1:${server.address().port}/webhooks/trigger_training`);
});
