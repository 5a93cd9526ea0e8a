// The anchor of `npm run bench:http`: a bare Fastify 5 (no plugins, no hooks) in its own process, answering each
// path with the exact bytes and content type our server gave for it. Whatever our server spends beyond this is
// ours to explain. Reads {port, pages: [{path, contentType, body}]} as JSON on stdin; prints "listening" when up.
import Fastify from 'fastify';

interface Page {
  path: string;
  contentType: string;
  body: string;
}

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const { port, pages } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { port: number; pages: Page[] };
// Bytes encoded once, as our page cache holds them: a string would be encoded to UTF-8 again on every answer.
const byPath = new Map(pages.map((p) => [p.path, { ...p, bytes: Buffer.from(p.body, 'utf8') }]));
const app = Fastify({ logger: false });
// One catch-all route: the bytes are looked up by the full URL (query included), like a cache in front would.
app.get('/*', async (request, reply) => {
  const page = byPath.get(request.url) ?? byPath.get(request.url.split('?')[0]!);
  if (!page) return reply.code(404).send('not found');
  return reply.type(page.contentType).send(page.bytes);
});
await app.listen({ port, host: '127.0.0.1' });
process.stdout.write('listening\n');
