import type { FastifyInstance } from 'fastify';

/**
 * Node's `server.close()` closes the keep-alive connections that are idle at that moment, but a connection whose
 * request is still running becomes idle only afterwards and would then hold the shutdown open for the whole
 * keep-alive timeout (72 s in Fastify). Once closing, every answer says `Connection: close`, so each connection
 * ends with the request it carried.
 */
export function installDrainOnClose(app: FastifyInstance) {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
}
