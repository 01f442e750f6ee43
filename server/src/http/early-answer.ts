// Answers given before the request's body was read close their connection, and say so.
//
// Many answers come before the body is read: 413 from bodyLimit (by Content-Length), 415 and 429
// from the capture route, 401/403 from admin auth, 404 for an unknown route. Node marks each one
// `Connection: keep-alive`; after it, @hono/node-server drains the unread body for at most 500 ms
// and 64 MiB and then destroys the socket (listener.js, drainIncoming). That drain also stalls on a
// body the app touched without reading, even one fully sent: the `Readable.toWeb` adapter behind
// `c.req.raw.body` (which bodyLimit opens) pauses the request stream whenever its own queue is
// full, whoever else resumed it. So a client that trusted the keep-alive would lose its next
// request on that socket, and a capture committed in those 500 ms would lose its 201.
//
// Here the decision is taken when the status line is written, from what Node's parser has seen: a
// request received to its last byte, none of it left in Node's buffer, may keep its connection;
// any other answer says `Connection: close`, and Node closes the socket once the answer is flushed
// (`res._last`). Nothing waits on a client's body. A request pipelined behind such an answer
// could never get its own (the connection ends first), so it does not reach the app either.
import { ServerResponse } from 'node:http';
import type { IncomingMessage, OutgoingHttpHeader, OutgoingHttpHeaders } from 'node:http';
import type { Http2Bindings, HttpBindings } from '@hono/node-server';

/** Sockets on which an answer saying `Connection: close` was written (sent or queued). */
const closing = new WeakSet<object>();

/** Whether the request, body included, is wholly off the socket and out of Node's buffer. */
function bodyRead(request: IncomingMessage): boolean {
  // `complete`: the parser saw the message's end. Bytes still buffered would be drained by
  // @hono/node-server's bounded drain, which may stall (see above): those answers close instead.
  return request.complete && request.readableLength === 0;
}

/**
 * The server's response class (`http.createServer({ ServerResponse })`): it closes the connection
 * of any answer written before its request's body was received and read.
 */
export class EarlyAnswerResponse<
  Incoming extends IncomingMessage = IncomingMessage,
> extends ServerResponse<Incoming> {
  override writeHead(
    statusCode: number,
    statusMessage?: string | OutgoingHttpHeaders | OutgoingHttpHeader[],
    headers?: OutgoingHttpHeaders | OutgoingHttpHeader[],
  ): this {
    // Node writes implicit headers through writeHead too (`_implicitHeader`), so every answer
    // passes here once, before its status line exists.
    if (!this.headersSent) {
      if (!bodyRead(this.req)) this.shouldKeepAlive = false;
      if (!this.shouldKeepAlive) closing.add(this.req.socket);
    }
    return typeof statusMessage === 'string'
      ? super.writeHead(statusCode, statusMessage, headers)
      : super.writeHead(statusCode, statusMessage);
  }
}

/**
 * Wraps a fetch handler so that a request arriving on a connection already answered with
 * `Connection: close` is not handled: its answer could never be sent, so a capture it carries
 * would be committed with its 201 lost. The 503 is only for Node's bookkeeping; the socket closes
 * after the earlier answer, and the client retries the request on a new connection.
 */
export function skipClosingConnections(
  fetch: (request: Request, env: HttpBindings | Http2Bindings) => unknown,
): (request: Request, env: HttpBindings | Http2Bindings) => unknown {
  return (request, env) =>
    closing.has(env.incoming.socket)
      ? new Response(null, { status: 503, headers: { Connection: 'close' } })
      : fetch(request, env);
}
